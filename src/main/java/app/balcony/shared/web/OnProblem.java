package app.balcony.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a page's form goes back to when what was asked cannot be done: a
 * {@link app.balcony.shared.BadRequestException} thrown by the annotated handler becomes
 * a redirect to {@link #value()} (path variables of the request filled in, e.g.
 * {@code /evidence/projects/{id}#codebook}) with the message shown there as the page's
 * problem, instead of an error page. One convention for every form, instead of a
 * try/catch in each handler.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnProblem {

	/** The page to go back to, as a URI template over the request's path variables. */
	String value();

}
