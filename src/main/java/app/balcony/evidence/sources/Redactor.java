package app.balcony.evidence.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must not reach analysis: names of people and organisations known to the
 * system model, e-mail addresses, UK phone numbers, NHS numbers (ten digits with a valid
 * check digit) and UK postcodes. Overlaps keep the earliest, then longest, match.
 * <p>
 * People are found the ways transcripts mention them: the full name in any case; a title
 * and surname ("Dr Okafor"); the first name alone, capitalised ("Sam said"), unless it is
 * also a common English word ("Will", "Grace") and the person was not named in full in
 * the same text; the surname alone after the full name appeared; and a full name misspelt
 * by one letter ("Sam Okafer"), capitalised. Each finding carries the person it most
 * likely means (its {@link Found#key()}), so "Sam Okafor", "Dr Okafor" and "Sam" in one
 * text share one pseudonym when they can only be one known person.
 */
public final class Redactor {

	public enum Kind {

		PERSON("Person"), ORGANISATION("Organisation"), EMAIL("Email"), PHONE("Phone"), NHS_NUMBER("NHS number"),
		POSTCODE("Postcode");

		public final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	/**
	 * A value to redact: {@code value} as written, {@code key} what it stands for (the
	 * same key, the same pseudonym).
	 */
	public record Found(Kind kind, int start, int end, String value, String key) {

		Found(Kind kind, int start, int end, String value) {
			this(kind, start, end, value, value);
		}

	}

	/**
	 * Every repetition is bounded (a local part of at most 64 characters, labels of at
	 * most 63, as in RFC 5321), so a long run of word characters with no {@code @} costs
	 * linear time, not quadratic.
	 */
	private static final Pattern EMAIL = Pattern
		.compile("[\\w.+-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63}){1,8}(?![\\w-])");

	private static final Pattern TEN_DIGITS = Pattern.compile("(?<![\\d])\\d{3}[ -]?\\d{3}[ -]?\\d{4}(?![\\d])");

	private static final Pattern PHONE = Pattern.compile(
			"(?<![\\w+])(?:\\+44\\s?\\(?0?\\)?\\s?\\d{2,4}|\\(?0\\d{2,4}\\)?)[\\s-]?\\d{3,4}[\\s-]?\\d{3,4}(?!\\d)");

	private static final Pattern POSTCODE = Pattern
		.compile("\\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2})\\b");

	/**
	 * Words of a name: letters, with inner hyphens and apostrophes ("O'Neil",
	 * "Smith-Jones"), but not a possessive "'s".
	 */
	private static final Pattern WORD = Pattern.compile("\\p{L}+(?:(?:-|['\u2019](?!s(?!\\p{L})))\\p{L}+)*");

	/** Between a title and a surname: an optional full stop, then spaces. */
	private static final Pattern TITLE_GAP = Pattern.compile("\\.?[ \t\u00a0]+");

	private static final Set<String> TITLES = Set.of("dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "cllr",
			"councillor", "sister", "nurse");

	/**
	 * First names that are also everyday English words: alone, they are redacted only
	 * after the person was named in full in the same text.
	 */
	private static final Set<String> WORD_NAMES = Set.of("will", "mark", "may", "june", "april", "august", "grace",
			"hope", "faith", "joy", "dawn", "rose", "ivy", "iris", "holly", "heather", "daisy", "lily", "poppy",
			"hazel", "amber", "ruby", "pearl", "crystal", "summer", "autumn", "skye", "sky", "bill", "frank", "pat",
			"sue", "rich", "rob", "ray", "guy", "gene", "drew", "dean", "chase", "hunter", "lane", "page", "max",
			"jack", "don", "art", "bob", "penny", "kit", "sandy", "rusty", "victor", "miles", "norman", "carol",
			"harmony", "honor", "honour", "patience", "prudence", "constance", "charity", "mercy", "felicity", "angel",
			"star", "river", "brook", "forest", "reed", "wade", "cliff", "clay", "stone", "glen", "lee", "long",
			"young", "north", "west", "east", "south", "india", "jordan", "paris", "florence", "victoria", "georgia",
			"chelsea", "devon", "kent", "lincoln", "austin", "sydney", "china", "christian", "royal", "noble",
			"sterling", "earl", "duke", "prince", "king", "queen", "major", "bishop", "england", "wales");

	private final Map<String, String> fullNames = new HashMap<>();

	private final Map<String, Set<String>> byFirstName = new HashMap<>();

	private final Map<String, Set<String>> bySurname = new HashMap<>();

	private final int longestName;

	private final Pattern organisations;

	public Redactor(List<String> personNames, List<String> organisationNames) {
		int longest = 1;
		for (String name : personNames) {
			List<String> words = words(name.strip()).stream().map(w -> w.text().toLowerCase(Locale.ROOT)).toList();
			String full = String.join(" ", words);
			if (full.length() < 3) {
				continue;
			}
			this.fullNames.putIfAbsent(full, full);
			longest = Math.max(longest, words.size());
			if (words.size() >= 2) {
				String first = words.get(0);
				String last = words.get(words.size() - 1);
				if (first.length() >= 2) {
					this.byFirstName.computeIfAbsent(first, k -> new LinkedHashSet<>()).add(full);
				}
				if (last.length() >= 2) {
					this.bySurname.computeIfAbsent(last, k -> new LinkedHashSet<>()).add(full);
				}
			}
		}
		this.longestName = longest;
		List<String> orgs = organisationNames.stream().map(String::strip).filter(n -> n.length() >= 4).toList();
		this.organisations = orgs.isEmpty() ? null
				: Pattern.compile("\\b(?:" + alternation(orgs) + ")\\b", Pattern.CASE_INSENSITIVE);
	}

	private record Word(String text, int start, int end) {

		String lower() {
			return this.text.toLowerCase(Locale.ROOT);
		}

		boolean capitalised() {
			return Character.isUpperCase(this.text.codePointAt(0));
		}

	}

	private static List<Word> words(CharSequence text) {
		List<Word> out = new ArrayList<>();
		Matcher m = WORD.matcher(text);
		while (m.find()) {
			out.add(new Word(m.group(), m.start(), m.end()));
		}
		return out;
	}

	/** Whether only spaces (no punctuation or line break) separate two words. */
	private static boolean adjacent(String text, Word a, Word b) {
		for (int i = a.end(); i < b.start(); i++) {
			char c = text.charAt(i);
			if (c != ' ' && c != '\t' && c != '\u00a0') {
				return false;
			}
		}
		return b.start() > a.end();
	}

	private static String alternation(List<String> values) {
		return values.stream()
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.map(Pattern::quote)
			.reduce((a, b) -> a + "|" + b)
			.orElseThrow();
	}

	/**
	 * People named in the text. First the full names (exact in any case, or capitalised
	 * and one letter out), then titles with surnames, first names and surnames alone,
	 * each resolved to a person named in full in the same text, else to the only known
	 * person it can be, else kept as written.
	 */
	private List<Found> people(String text, Budgeted budgeted) {
		List<Found> out = new ArrayList<>();
		if (this.fullNames.isEmpty()) {
			return out;
		}
		List<Word> words = words(budgeted);
		boolean[] used = new boolean[words.size()];
		Set<String> named = new LinkedHashSet<>();
		for (int i = 0; i < words.size(); i++) {
			if ((i & 0x3FF) == 0) {
				budgeted.check();
			}
			int matched = 0;
			String full = null;
			StringBuilder key = new StringBuilder(words.get(i).lower());
			for (int n = 1; n <= this.longestName && i + n <= words.size(); n++) {
				if (n > 1) {
					if (!adjacent(text, words.get(i + n - 2), words.get(i + n - 1))) {
						break;
					}
					key.append(' ').append(words.get(i + n - 1).lower());
				}
				String hit = this.fullNames.get(key.toString());
				// One-word names only when capitalised, like first names.
				if (hit != null && (n > 1 || words.get(i).capitalised())) {
					matched = n;
					full = hit;
				}
			}
			if (matched == 0 && i + 1 < words.size() && words.get(i).capitalised() && words.get(i + 1).capitalised()
					&& adjacent(text, words.get(i), words.get(i + 1))) {
				full = misspelt(words.get(i).lower(), words.get(i + 1).lower());
				matched = full == null ? 0 : 2;
			}
			if (matched > 0) {
				Word last = words.get(i + matched - 1);
				out.add(new Found(Kind.PERSON, words.get(i).start(), last.end(),
						text.substring(words.get(i).start(), last.end()), full));
				named.add(full);
				for (int k = i; k < i + matched; k++) {
					used[k] = true;
				}
				i += matched - 1;
			}
		}
		for (int i = 0; i < words.size(); i++) {
			if (used[i]) {
				continue;
			}
			Word w = words.get(i);
			String lower = w.lower();
			if (TITLES.contains(lower) && i + 1 < words.size() && !used[i + 1]) {
				Word surname = words.get(i + 1);
				Set<String> candidates = this.bySurname.get(surname.lower());
				if (candidates != null && TITLE_GAP.matcher(text.substring(w.end(), surname.start())).matches()) {
					String value = text.substring(w.start(), surname.end());
					out.add(new Found(Kind.PERSON, w.start(), surname.end(), value, resolve(candidates, named, value)));
					used[i + 1] = true;
					i++;
					continue;
				}
			}
			if (!w.capitalised()) {
				continue;
			}
			Set<String> candidates = this.byFirstName.get(lower);
			boolean surnameAlone = false;
			if (candidates == null) {
				candidates = this.bySurname.get(lower);
				surnameAlone = true;
			}
			if (candidates == null) {
				continue;
			}
			boolean namedInFull = candidates.stream().anyMatch(named::contains);
			if (!namedInFull && (surnameAlone || WORD_NAMES.contains(lower) || w.text().length() < 3)) {
				continue;
			}
			out.add(new Found(Kind.PERSON, w.start(), w.end(), w.text(), resolve(candidates, named, w.text())));
		}
		return out;
	}

	/**
	 * The person a partial name stands for: the one named in full in the text, else the
	 * only known person with it, else the partial name itself.
	 */
	private static String resolve(Set<String> candidates, Set<String> named, String value) {
		List<String> inText = candidates.stream().filter(named::contains).toList();
		if (inText.size() == 1) {
			return inText.get(0);
		}
		if (inText.isEmpty() && candidates.size() == 1) {
			return candidates.iterator().next();
		}
		return value;
	}

	/**
	 * A known full name one letter (added, missing, changed or two swapped) away from two
	 * capitalised words, when the other word matches exactly and the name is long enough
	 * for one letter not to make another name.
	 */
	private String misspelt(String first, String last) {
		String found = null;
		for (String full : this.byFirstName.getOrDefault(first, Set.of())) {
			String surname = full.substring(full.indexOf(' ') + 1);
			if (surname.indexOf(' ') < 0 && surname.length() >= 5 && oneEditApart(surname, last)) {
				if (found != null && !found.equals(full)) {
					return null;
				}
				found = full;
			}
		}
		for (String full : this.bySurname.getOrDefault(last, Set.of())) {
			String given = full.substring(0, full.indexOf(' '));
			if (full.indexOf(' ') == full.lastIndexOf(' ') && given.length() >= 5 && oneEditApart(given, first)) {
				if (found != null && !found.equals(full)) {
					return null;
				}
				found = full;
			}
		}
		return found;
	}

	/**
	 * Optimal string alignment distance of exactly one: one letter added, missing,
	 * changed, or two neighbours swapped.
	 */
	static boolean oneEditApart(String a, String b) {
		if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
			return false;
		}
		int i = 0;
		while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
			i++;
		}
		if (a.length() == b.length()) {
			if (a.substring(i + 1).equals(b.substring(i + 1))) {
				return true;
			}
			return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
					&& a.substring(i + 2).equals(b.substring(i + 2));
		}
		String longer = a.length() > b.length() ? a : b;
		String shorter = a.length() > b.length() ? b : a;
		return longer.substring(i + 1).equals(shorter.substring(i));
	}

	/** How long redacting one source may take before it is refused. */
	public static final Duration BUDGET = Duration.ofSeconds(20);

	/** Redaction of a source ran out of its time budget. */
	public static class TooSlow extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TooSlow(Duration budget) {
			super("redaction took longer than " + budget.toSeconds() + " seconds; split the text into smaller files");
		}

	}

	public List<Found> find(String text) {
		return find(text, BUDGET);
	}

	/**
	 * The values to redact in a text, within a time budget.
	 * @throws TooSlow when the budget runs out (the text is refused, nothing kept)
	 */
	public List<Found> find(String text, Duration budget) {
		Budgeted budgeted = new Budgeted(text, System.nanoTime() + budget.toNanos(), budget);
		List<Found> all = new ArrayList<>();
		collect(all, Kind.EMAIL, EMAIL, budgeted);
		Matcher digits = TEN_DIGITS.matcher(budgeted);
		while (digits.find()) {
			if (validNhsNumber(digits.group())) {
				all.add(new Found(Kind.NHS_NUMBER, digits.start(), digits.end(), digits.group()));
			}
		}
		collect(all, Kind.PHONE, PHONE, budgeted);
		collect(all, Kind.POSTCODE, POSTCODE, budgeted);
		if (this.organisations != null) {
			collect(all, Kind.ORGANISATION, this.organisations, budgeted);
		}
		all.addAll(people(text, budgeted));
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

	/**
	 * The text as the patterns see it: every so many characters read, the clock is
	 * checked, so no pattern (however the text is built) can run past the budget.
	 */
	private static final class Budgeted implements CharSequence {

		private final String text;

		private final long deadline;

		private final Duration budget;

		private int reads;

		Budgeted(String text, long deadline, Duration budget) {
			this.text = text;
			this.deadline = deadline;
			this.budget = budget;
		}

		void check() {
			if (System.nanoTime() > this.deadline) {
				throw new TooSlow(this.budget);
			}
		}

		@Override
		public char charAt(int index) {
			if ((++this.reads & 0xFFFF) == 0) {
				check();
			}
			return this.text.charAt(index);
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return this.text.substring(start, end);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

	private static void collect(List<Found> out, Kind kind, Pattern pattern, CharSequence text) {
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
