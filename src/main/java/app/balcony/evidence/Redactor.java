package app.balcony.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must not reach analysis: names of people and organisations known to the
 * system model, e-mail addresses, UK phone numbers, NHS numbers (ten digits with a valid
 * check digit) and UK postcodes. Overlaps keep the earliest, then longest, match.
 */
final class Redactor {

	enum Kind {

		PERSON("Person"), ORGANISATION("Organisation"), EMAIL("Email"), PHONE("Phone"), NHS_NUMBER("NHS number"),
		POSTCODE("Postcode");

		final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	record Found(Kind kind, int start, int end, String value) {
	}

	private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

	private static final Pattern TEN_DIGITS = Pattern.compile("(?<![\\d])\\d{3}[ -]?\\d{3}[ -]?\\d{4}(?![\\d])");

	private static final Pattern PHONE = Pattern.compile(
			"(?<![\\w+])(?:\\+44\\s?\\(?0?\\)?\\s?\\d{2,4}|\\(?0\\d{2,4}\\)?)[\\s-]?\\d{3,4}[\\s-]?\\d{3,4}(?!\\d)");

	private static final Pattern POSTCODE = Pattern
		.compile("\\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2})\\b");

	private static final String TITLES = "(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Cllr|Councillor|Sister|Nurse)\\.?";

	private final Pattern people;

	private final Pattern organisations;

	Redactor(List<String> personNames, List<String> organisationNames) {
		List<String> names = new ArrayList<>();
		List<String> surnames = new ArrayList<>();
		for (String name : personNames) {
			String trimmed = name.strip();
			if (trimmed.length() >= 3) {
				names.add(trimmed);
				int space = trimmed.lastIndexOf(' ');
				if (space > 0 && trimmed.length() - space > 2) {
					surnames.add(trimmed.substring(space + 1));
				}
			}
		}
		this.people = names.isEmpty() ? null : Pattern.compile("\\b(?:" + alternation(names) + "|" + TITLES + " (?:"
				+ alternation(surnames.isEmpty() ? List.of("\\u0000") : surnames) + "))\\b");
		List<String> orgs = organisationNames.stream().map(String::strip).filter(n -> n.length() >= 4).toList();
		this.organisations = orgs.isEmpty() ? null
				: Pattern.compile("\\b(?:" + alternation(orgs) + ")\\b", Pattern.CASE_INSENSITIVE);
	}

	private static String alternation(List<String> values) {
		return values.stream()
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.map(Pattern::quote)
			.reduce((a, b) -> a + "|" + b)
			.orElseThrow();
	}

	List<Found> find(String text) {
		List<Found> all = new ArrayList<>();
		collect(all, Kind.EMAIL, EMAIL, text);
		Matcher digits = TEN_DIGITS.matcher(text);
		while (digits.find()) {
			if (validNhsNumber(digits.group())) {
				all.add(new Found(Kind.NHS_NUMBER, digits.start(), digits.end(), digits.group()));
			}
		}
		collect(all, Kind.PHONE, PHONE, text);
		collect(all, Kind.POSTCODE, POSTCODE, text);
		if (this.organisations != null) {
			collect(all, Kind.ORGANISATION, this.organisations, text);
		}
		if (this.people != null) {
			collect(all, Kind.PERSON, this.people, text);
		}
		all.sort(Comparator.comparingInt(Found::start).thenComparing(f -> -(f.end() - f.start())));
		List<Found> kept = new ArrayList<>();
		int covered = -1;
		for (Found f : all) {
			if (f.start() >= covered) {
				kept.add(f);
				covered = f.end();
			}
		}
		return kept;
	}

	private static void collect(List<Found> out, Kind kind, Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		while (m.find()) {
			out.add(new Found(kind, m.start(), m.end(), m.group()));
		}
	}

	/**
	 * NHS numbers: ten digits whose tenth is the modulus-11 check digit of the first
	 * nine.
	 */
	static boolean validNhsNumber(String candidate) {
		String digits = candidate.replaceAll("[ -]", "");
		if (digits.length() != 10) {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < 9; i++) {
			sum += (digits.charAt(i) - '0') * (10 - i);
		}
		int check = 11 - (sum % 11);
		if (check == 11) {
			check = 0;
		}
		return check != 10 && check == digits.charAt(9) - '0';
	}

}
