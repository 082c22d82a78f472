package app.balcony.evidence.sources;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * How transcripts mention people, and what redaction makes of it: each mention found, and
 * mentions of one person sharing one key (so one pseudonym).
 */
class RedactorTest {

	private final Redactor redactor = new Redactor(
			List.of("Sam Okafor", "Priya Patel", "Ravi Patel", "Will Jones", "Grace O'Neil", "Sam Lee", "Aisha Bello"),
			List.of("Northvale Council", "Northvale Community Health"));

	private List<Redactor.Found> people(String text) {
		return this.redactor.find(text).stream().filter(f -> f.kind() == Redactor.Kind.PERSON).toList();
	}

	@Test
	void fullNamesInAnyCaseTitlesAndFirstNamesShareTheirPersonsKey() {
		String text = "Sam Okafor's team met us. Then Dr. Okafor said no, and later Aisha agreed with aisha bello.";
		assertThat(people(text)).extracting(Redactor.Found::value, Redactor.Found::key)
			.containsExactly(tuple("Sam Okafor", "sam okafor"), tuple("Dr. Okafor", "sam okafor"),
					tuple("Aisha", "aisha bello"), tuple("aisha bello", "aisha bello"));
		Redactor.Found first = people(text).get(0);
		assertThat(text.substring(first.start(), first.end())).isEqualTo("Sam Okafor");
	}

	@Test
	void anAmbiguousPartialNameResolvesToWhoeverTheTextNamedInFull() {
		// Two Patels and two Sams: alone, "Mr Patel" and "Sam" could be either, so they
		// keep their own keys...
		assertThat(people("Mr Patel and Sam were late.")).extracting(Redactor.Found::value, Redactor.Found::key)
			.containsExactly(tuple("Mr Patel", "Mr Patel"), tuple("Sam", "Sam"));
		// ...unless the text names one of them in full.
		assertThat(people("Ravi Patel chairs it. Mr Patel and Sam Lee agree; Sam wrote it up."))
			.extracting(Redactor.Found::value, Redactor.Found::key)
			.containsExactly(tuple("Ravi Patel", "ravi patel"), tuple("Mr Patel", "ravi patel"),
					tuple("Sam Lee", "sam lee"), tuple("Sam", "sam lee"));
	}

	@Test
	void everydayWordsAndBareSurnamesCountOnlyAfterTheFullName() {
		assertThat(people("Will we get the money? Grace is needed. Okafor is a surname.")).isEmpty();
		assertThat(people("Will Jones came. Will said Jones was right.")).extracting(Redactor.Found::value)
			.containsExactly("Will Jones", "Will", "Jones");
		// Lower case alone is a word, not a name.
		assertThat(people("sam said so")).isEmpty();
		assertThat(people("Grace O'Neil's view")).extracting(Redactor.Found::value).containsExactly("Grace O'Neil");
	}

	@Test
	void aFullNameMisspeltByOneLetterIsStillFound() {
		assertThat(people("I asked Sam Okafer and Priya Patl, then Aysha Bello."))
			.extracting(Redactor.Found::value, Redactor.Found::key)
			.containsExactly(tuple("Sam Okafer", "sam okafor"), tuple("Priya Patl", "priya patel"),
					tuple("Aysha Bello", "aisha bello"));
		// Short names are too close to other names to guess at.
		assertThat(people("Sam Lea came.")).extracting(Redactor.Found::value).containsExactly("Sam");
	}

	@Test
	void organisationsContactDetailsAndNamesDoNotOverlap() {
		List<Redactor.Found> found = this.redactor
			.find("Priya Patel (priya.patel@example.org, 0113 496 0000) left Northvale Community Health for LS1 4AP.");
		assertThat(found).extracting(Redactor.Found::kind)
			.containsExactly(Redactor.Kind.PERSON, Redactor.Kind.EMAIL, Redactor.Kind.PHONE, Redactor.Kind.ORGANISATION,
					Redactor.Kind.POSTCODE);
	}

	@Test
	void oneEditApartMeansOneLetterAddedMissingChangedOrSwapped() {
		assertThat(Redactor.oneEditApart("okafor", "okafer")).isTrue();
		assertThat(Redactor.oneEditApart("okafor", "okafo")).isTrue();
		assertThat(Redactor.oneEditApart("okafor", "okkafor")).isTrue();
		assertThat(Redactor.oneEditApart("okafor", "okfaor")).isTrue();
		assertThat(Redactor.oneEditApart("okafor", "okafor")).isFalse();
		assertThat(Redactor.oneEditApart("okafor", "okefer")).isFalse();
		assertThat(Redactor.oneEditApart("okafor", "okaf")).isFalse();
	}

	@Test
	void nhsNumbersNeedAValidCheckDigit() {
		assertThat(Redactor.validNhsNumber("943 476 5919")).isTrue();
		assertThat(Redactor.validNhsNumber("943 476 5918")).isFalse();
	}

	@Test
	void eMailAddressesAreStillFoundWithBoundedPatterns() {
		String text = "Write to first.last+ics@northvale.nhs.uk, or x@y.co.uk; not me@localhost.";
		assertThat(this.redactor.find(text)).filteredOn(f -> f.kind() == Redactor.Kind.EMAIL)
			.extracting(Redactor.Found::value)
			.containsExactly("first.last+ics@northvale.nhs.uk", "x@y.co.uk");
		// A local part longer than any real one still has its address redacted (its
		// last 64 characters and the domain).
		String longer = "a".repeat(100) + "@example.org";
		assertThat(this.redactor.find(longer)).filteredOn(f -> f.kind() == Redactor.Kind.EMAIL)
			.singleElement()
			.satisfies(f -> assertThat(f.end()).isEqualTo(longer.length()));
	}

	@Test
	void aTextThatOutrunsTheBudgetIsRefusedNotCutShort() {
		String text = "Sam Okafor said " + "a".repeat(2_000_000);
		assertThat(org.assertj.core.api.Assertions
			.catchThrowable(() -> this.redactor.find(text, java.time.Duration.ofNanos(1))))
			.isInstanceOf(Redactor.TooSlow.class)
			.hasMessageContaining("split the text");
	}

}
