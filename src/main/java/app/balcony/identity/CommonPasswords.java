package app.balcony.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Passwords an attacker tries first: the commonest of acceptable length (a list in
 * {@code identity/common-passwords.txt}) and any one character repeated.
 */
final class CommonPasswords {

	private static final Set<String> LIST = load();

	private CommonPasswords() {
	}

	static boolean contains(String password) {
		String lower = password.toLowerCase(Locale.ROOT);
		return LIST.contains(lower) || lower.chars().distinct().count() <= 2;
	}

	private static Set<String> load() {
		try (var in = CommonPasswords.class.getResourceAsStream("/identity/common-passwords.txt");
				var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			return reader.lines()
				.map(String::trim)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.map(line -> line.toLowerCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
