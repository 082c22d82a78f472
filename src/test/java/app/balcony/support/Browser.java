package app.balcony.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minimal browser for end-to-end tests: real HTTP, cookies kept, redirects not
 * followed, and the CSRF token of the last page used for form posts, as a person's
 * browser would.
 */
public class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;

	private final HttpClient client;

	private String csrf;

	public Browser(String base) {
		this.base = base;
		this.client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	public Browser(String base, Browser sharingCookiesWith) {
		this.base = base;
		this.client = HttpClient.newBuilder()
			.cookieHandler(sharingCookiesWith.client.cookieHandler().orElseThrow())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	public HttpResponse<byte[]> getBytes(String path) {
		return getBytes(path, null);
	}

	public HttpResponse<byte[]> getBytes(String path, String bearer) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).GET();
			if (bearer != null) {
				request.header("Authorization", "Bearer " + bearer);
			}
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public HttpResponse<String> getJson(String path, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "application/json")
			.GET();
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request);
	}

	/** Sends JSON (POST, PUT or DELETE) with a bearer token. */
	public HttpResponse<String> sendJson(String method, String path, String json, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "application/json")
			.header("Content-Type", "application/json");
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		request.method(method,
				json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		return send(request);
	}

	/**
	 * Posts a form with the CSRF token of the last page fetched (fetch the form's page
	 * first).
	 */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		if (this.csrf != null) {
			fields.putIfAbsent("_csrf", this.csrf);
		}
		String body = fields.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Posts a form whose fields may repeat (checkboxes), with the CSRF token. */
	public HttpResponse<String> postMulti(String path, java.util.List<Map.Entry<String, String>> form) {
		var fields = new java.util.ArrayList<>(form);
		if (this.csrf != null) {
			fields.add(Map.entry("_csrf", this.csrf));
		}
		String body = fields.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Sends files as multipart/form-data in the field {@code files}, plus plain fields.
	 */
	public HttpResponse<String> postFiles(String path, Map<String, byte[]> files, Map<String, String> fields,
			String bearer) {
		String boundary = "----balcony" + UUID.randomUUID();
		var out = new java.io.ByteArrayOutputStream();
		Map<String, String> all = new LinkedHashMap<>(fields);
		if (bearer == null && this.csrf != null) {
			all.putIfAbsent("_csrf", this.csrf);
		}
		all.forEach((name, value) -> write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n"));
		files.forEach((name, content) -> {
			write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
			out.writeBytes(content);
			write(out, "\r\n");
		});
		write(out, "--" + boundary + "--\r\n");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request);
	}

	public void signIn(String username, String password) {
		HttpResponse<String> response = attemptSignIn(username, password);
		assertThat(response.statusCode()).as("sign-in redirect").isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElse("")).as("sign-in succeeded")
			.doesNotContain("error");
	}

	public HttpResponse<String> attemptSignIn(String username, String password) {
		get("/login");
		return post("/login", Map.of("username", username, "password", password));
	}

	/** Signs in choosing an ICS (for an account that belongs to several). */
	public HttpResponse<String> attemptSignIn(String username, String password, String ics) {
		get("/login");
		return post("/login", Map.of("username", username, "password", password, "ics", ics));
	}

	public String csrf() {
		return this.csrf;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Matcher matcher = CSRF.matcher(response.body());
			if (matcher.find()) {
				this.csrf = matcher.group(1);
			}
			return response;
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void write(java.io.ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
