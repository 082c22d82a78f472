package app.balcony.shared;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address people reach Balcony at, for links sent to them (survey and rater links in
 * mail and CSV files). It comes from configuration ({@code BALCONY_PUBLIC_URL}), never
 * from a request's Host header, which the sender of the request chooses: otherwise anyone
 * who can get a link list generated through a crafted Host could point respondents at a
 * look-alike site. Unset, it is this instance on localhost (right for the demo).
 */
@Component
public class PublicUrl {

	private final String configured;

	private final Environment environment;

	PublicUrl(BalconyProperties properties, Environment environment) {
		String configured = properties.publicUrl();
		String url = configured == null ? "" : configured.strip();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		if (!url.isEmpty() && !url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
			throw new IllegalStateException("balcony.public-url (BALCONY_PUBLIC_URL) must be an http(s) address "
					+ "such as https://balcony.example-ics.nhs.uk, not '" + configured + "'");
		}
		this.configured = url;
		this.environment = environment;
	}

	/** The base address, without a trailing slash. */
	public String base() {
		if (!this.configured.isEmpty()) {
			return this.configured;
		}
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		String context = this.environment.getProperty("server.servlet.context-path", "");
		return "http://localhost:" + port + context;
	}

}
