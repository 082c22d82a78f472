package app.balcony.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller method's {@code LocalDate} parameter taken from the request's {@code asOf}
 * (yyyy-mm-dd; absent or blank means today), the day every effective-dated view of the
 * system model is shown as of. A date that is not one is a 400 naming the parameter and
 * the expected form (see {@link app.balcony.shared.Dates#asOf}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AsOf {

}
