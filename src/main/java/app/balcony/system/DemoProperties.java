package app.balcony.system;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled load the demo ICS on start (set by the {@code demo} command)
 * @param seed the generator's seed
 * @param people roughly how many people the demo ICS has
 */
@Validated
@ConfigurationProperties("balcony.demo")
public record DemoProperties(boolean enabled, long seed, @Min(200) int people) {
}
