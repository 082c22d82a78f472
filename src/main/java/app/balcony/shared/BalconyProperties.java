package app.balcony.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every module (each module binds its own under
 * {@code balcony.<module>}).
 *
 * @param publicUrl the address people reach Balcony at; survey and rater links start with
 * it (blank: {@code http://localhost:<port>})
 * @param db the side pool for short writes that commit on their own (see
 * {@link SideTransactions})
 * @param mail outgoing mail
 */
@ConfigurationProperties("balcony")
public record BalconyProperties(@DefaultValue("") String publicUrl, @DefaultValue Db db, @DefaultValue Mail mail) {

	/**
	 * @param sidePoolSize connections in the side pool
	 * @param sidePoolWait how long a side write waits for a connection, in milliseconds
	 */
	public record Db(@DefaultValue("4") int sidePoolSize, @DefaultValue("10000") long sidePoolWait) {
	}

	/**
	 * @param from the sender of every mail Balcony sends
	 */
	public record Mail(@DefaultValue("balcony@localhost") String from) {
	}

}
