package app.balcony.evidence;

import java.util.List;

import app.balcony.evidence.autocode.AutoCoder;
import app.balcony.evidence.autocode.CodeScore;
import app.balcony.evidence.autocode.Codebook;
import app.balcony.evidence.autocode.LabelledExample;
import app.balcony.evidence.autocode.OpposedStatements;
import app.balcony.evidence.autocode.TextEmbedder;
import app.balcony.evidence.autocode.Suggestion;
import app.balcony.evidence.autocode.Tension;
import app.balcony.evidence.autocode.TensionFinder;
import app.balcony.framework.BuiltInFrameworks;
import app.balcony.framework.Framework;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The auto-coder on passages written for this test (not the evaluation quotes): it ranks
 * every code, explains itself, learns from examples and finds tension cues.
 */
class AutoCoderTest {

	static AutoCoder coder(String framework, List<LabelledExample> examples) {
		return new AutoCoder(Codebook.of(BuiltInFrameworks.find(framework).orElseThrow()), examples);
	}

	@Test
	void everyBuiltInFrameworkHasTheContractKeysAndDefinitions() {
		assertThat(BuiltInFrameworks.find("paradox").orElseThrow().codeKeys()).containsExactly("identity", "purpose",
				"place", "change");
		assertThat(BuiltInFrameworks.find("dimension").orElseThrow().codeKeys()).containsExactly("feeling",
				"perceiving", "thinking", "relating", "doing", "being");
		assertThat(BuiltInFrameworks.find("disconnect").orElseThrow().codeKeys()).containsExactly("power", "distance",
				"value");
		assertThat(BuiltInFrameworks.find("programme_theme").orElseThrow().codeKeys()).containsExactly("enabler_role",
				"problem_framing", "timing", "organisational_priorities", "networks_relationships", "political_support",
				"mindset", "culture", "behaviours");
		assertThat(BuiltInFrameworks.find("conditions").orElseThrow().codeKeys()).containsExactly("authorising",
				"political", "regulatory", "organisational", "place");
		for (Framework framework : BuiltInFrameworks.all()) {
			assertThat(framework.allElements()).allSatisfy(e -> {
				assertThat(e.definition()).as(framework.key() + "." + e.key()).isNotBlank();
				assertThat(e.examples()).as(framework.key() + "." + e.key()).isNotEmpty();
			});
		}
	}

	@Test
	void ranksEveryCodeWithScoresThatAddUpToOne() {
		Suggestion s = coder("disconnect", List.of())
			.suggest("Our chief executive works from headquarters two hours away and nobody on the wards has ever "
					+ "met her; each team sits in its own silo.");
		assertThat(s.codes()).extracting(CodeScore::code).containsExactlyInAnyOrder("power", "distance", "value");
		assertThat(s.codes().stream().mapToDouble(CodeScore::score).sum()).isCloseTo(1.0, within(0.001));
		assertThat(s.codes()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
		assertThat(s.best().code()).isEqualTo("distance");
		assertThat(s.best().matchedCues()).contains("silo");
		assertThat(s.best().nearest()).isNotBlank();
	}

	@Test
	void separatesCodesByMeaning() {
		AutoCoder paradox = coder("paradox", List.of());
		assertThat(paradox
			.suggest("Every restructure means we lose momentum and staff are worn out by constant "
					+ "transformation programmes.")
			.best()
			.code()).isEqualTo("change");
		assertThat(paradox
			.suggest("Each neighbourhood has different needs, yet the centre wants one model rolled out everywhere.")
			.best()
			.code()).isEqualTo("place");
		AutoCoder conditions = coder("conditions", List.of());
		assertThat(
				conditions.suggest("The inspection regime judges each provider on its own compliance.").best().code())
			.isEqualTo("regulatory");
	}

	@Test
	void learnsFromTheAnalystsExamples() {
		String text = "The quarterly flumpet review came round again.";
		AutoCoder without = coder("disconnect", List.of());
		AutoCoder with = coder("disconnect",
				List.of(new LabelledExample("Nobody listens to us at the flumpet review.", "value"),
						new LabelledExample("The flumpet review is always about cost.", "value")));
		double before = score(without.suggest(text), "value");
		double after = score(with.suggest(text), "value");
		assertThat(after).isGreaterThan(before);
		assertThat(with.suggest(text)
			.codes()
			.stream()
			.filter(c -> c.code().equals("value"))
			.findFirst()
			.orElseThrow()
			.nearest()).contains("flumpet");
	}

	@Test
	void learnsFromRejectedSuggestions() {
		Codebook disconnect = Codebook.of(BuiltInFrameworks.find("disconnect").orElseThrow());
		TextEmbedder embedder = TextEmbedder.shared();
		String rejectedOn = "Our chief executive works from headquarters two hours away and nobody on the wards has "
				+ "ever met her.";
		String similar = "The chief executive sits at headquarters miles away and no one on the wards has met him.";
		String unrelated = "They only care about the budget line; we care about the patient in front of us.";
		AutoCoder without = new AutoCoder(disconnect, List.of(), List.of(), embedder, AutoCoder.Settings.DEFAULT);
		AutoCoder with = new AutoCoder(disconnect, List.of(), List.of(new LabelledExample(rejectedOn, "distance")),
				embedder, AutoCoder.Settings.DEFAULT);
		assertThat(without.suggest(similar).best().code()).isEqualTo("distance");
		// Rejected on one passage: lowered there and on a passage that says the same...
		assertThat(score(with.suggest(rejectedOn), "distance"))
			.isLessThan(score(without.suggest(rejectedOn), "distance"));
		Suggestion after = with.suggest(similar);
		assertThat(score(after, "distance")).isLessThan(score(without.suggest(similar), "distance"));
		CodeScore distance = after.codes().stream().filter(c -> c.code().equals("distance")).findFirst().orElseThrow();
		assertThat(distance.loweredBy()).isEqualTo(rejectedOn);
		// ...but not on one about something else.
		CodeScore elsewhere = with.suggest(unrelated)
			.codes()
			.stream()
			.filter(c -> c.code().equals("distance"))
			.findFirst()
			.orElseThrow();
		assertThat(elsewhere.loweredBy()).isNull();
		assertThat(elsewhere.score()).isEqualTo(score(without.suggest(unrelated), "distance"));
		assertThat(without.suggest(similar).codes()).allSatisfy(c -> assertThat(c.loweredBy()).isNull());
	}

	@Test
	void findsTensionCuesAndSuggestsAParadox() {
		TensionFinder finder = new TensionFinder();
		assertThat(finder.find("We met on Tuesday to agree the budget.").score()).isZero();
		Tension weak = finder.find("It went well but it took time.");
		Tension strong = finder.find("On the one hand we must move fast, on the other hand staff need stability; "
				+ "it is a fine line and a constant balance.");
		assertThat(weak.score()).isBetween(0.1, 0.4);
		assertThat(strong.score()).isGreaterThan(0.9);
		assertThat(strong.cues()).contains("on the one hand ... on the other", "fine line", "balance");
		assertThat(finder.find("How can you keep transforming services and still look after your people?").cues())
			.contains("how can ... and still");
		Tension withParadox = coder("dimension", List.of())
			.suggest("We want to transform everything at pace, yet the staff are exhausted and need stability.")
			.tension();
		assertThat(withParadox.paradox()).isEqualTo("change");
	}

	private static double score(Suggestion s, String code) {
		return s.codes().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow().score();
	}

	@Test
	void pairsStatementsOfOneSpeakerThatLeanToOppositePoles() {
		OpposedStatements finder = new OpposedStatements(TextEmbedder.shared(),
				Codebook.of(BuiltInFrameworks.find("paradox").orElseThrow()));
		var bigStory = new OpposedStatements.Statement(1, "Lead",
				"We need one standard model rolled out at scale across the whole system.");
		var smallStory = new OpposedStatements.Statement(2, "Lead",
				"Each local community should design its own services around its own neighbourhood.");
		var otherSpeaker = new OpposedStatements.Statement(3, "Nurse",
				"Each local community should design its own services around its own neighbourhood.");
		var momentum = new OpposedStatements.Statement(4, "Lead",
				"The weather was pleasant on the day of the meeting.");

		List<OpposedStatements.Pair> pairs = finder.find(List.of(bigStory, smallStory, otherSpeaker, momentum));
		assertThat(pairs).isNotEmpty();
		OpposedStatements.Pair best = pairs.get(0);
		assertThat(best.code()).isEqualTo("place");
		assertThat(List.of(best.first().id(), best.second().id())).containsExactlyInAnyOrder(1L, 2L);
		assertThat(best.firstPole()).isNotEqualTo(best.secondPole());
		assertThat(best.score()).isBetween(0.0, 1.0);
		// Only one speaker's own statements are paired; the off-topic line takes no side.
		assertThat(pairs).allSatisfy(p -> assertThat(p.first().speaker()).isEqualTo(p.second().speaker()));
		assertThat(pairs).noneMatch(p -> p.first().id() == 4 || p.second().id() == 4);
		// The same statements from two different people are not a tension.
		assertThat(finder.find(List.of(bigStory, otherSpeaker))).isEmpty();
	}

}
