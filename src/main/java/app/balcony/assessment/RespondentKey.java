package app.balcony.assessment;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The respondent-held secret that binds a survey or rater link to the first browser or
 * client that saves answers through it. A browser keeps it in an HttpOnly cookie of its
 * own for each link; an API client sends it back in the {@value #HEADER} header it
 * received. Only its SHA-256 is stored.
 */
public final class RespondentKey {

	/** The header an API client sends (and receives when a link is first bound). */
	public static final String HEADER = "X-Respondent-Key";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ISSUED = RespondentKey.class.getName() + ".issued.";

	private RespondentKey() {
	}

	/** What the current request presents for a link. */
	sealed interface Presented permits NotWeb, Key {

	}

	/** Called in-process, not by a browser or client (demo data, tests of services). */
	record NotWeb() implements Presented {
	}

	/** The key presented, or null for none. */
	record Key(String value) implements Presented {
	}

	static String cookieName(String token) {
		return "balcony_key_" + Tokens.hash(token).substring(0, 16);
	}

	static Presented presented(String token) {
		Optional<ServletRequestAttributes> attributes = attributes();
		if (attributes.isEmpty()) {
			return new NotWeb();
		}
		HttpServletRequest request = attributes.get().getRequest();
		// A key issued earlier in this same request (the caller has it from now on).
		Object issued = request.getAttribute(ISSUED + cookieName(token));
		if (issued instanceof String key) {
			return new Key(key);
		}
		String header = request.getHeader(HEADER);
		if (header != null && !header.isBlank()) {
			return new Key(header.strip());
		}
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			String name = cookieName(token);
			for (Cookie c : cookies) {
				if (name.equals(c.getName())) {
					return new Key(c.getValue());
				}
			}
		}
		return new Key(null);
	}

	static boolean web() {
		return attributes().isPresent();
	}

	static String fresh() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Gives the current caller the key: a cookie for a browser, a header for a client.
	 */
	static void issue(String token, String key) {
		attributes().ifPresent(a -> {
			a.getRequest().setAttribute(ISSUED + cookieName(token), key);
			HttpServletResponse response = a.getResponse();
			if (response == null) {
				return;
			}
			ResponseCookie cookie = ResponseCookie.from(cookieName(token), key)
				.httpOnly(true)
				.secure(a.getRequest().isSecure())
				.sameSite("Lax")
				.path("/")
				.maxAge(java.time.Duration.ofDays(180))
				.build();
			response.addHeader("Set-Cookie", cookie.toString());
			response.setHeader(HEADER, key);
		});
	}

	private static Optional<ServletRequestAttributes> attributes() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s ? Optional.of(s)
				: Optional.empty();
	}

}
