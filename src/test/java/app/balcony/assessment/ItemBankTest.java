package app.balcony.assessment;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.balcony.framework.BuiltInFrameworks;
import app.balcony.framework.FrameworkElement;

import static org.assertj.core.api.Assertions.assertThat;

class ItemBankTest {

	@Test
	void theThreeSixtyHasFourObservableItemsForEveryElementOfTheSixDimensions() {
		Instrument i = ItemBank.instrument("leadership_360").orElseThrow();
		List<FrameworkElement> elements = BuiltInFrameworks.find("dimension")
			.orElseThrow()
			.elements()
			.stream()
			.flatMap(d -> d.children().stream())
			.toList();
		assertThat(i.sections()).hasSize(elements.size());
		assertThat(i.sections()).allSatisfy(s -> assertThat(s.items()).hasSizeBetween(4, 6));
		assertThat(i.notObserved()).isTrue();
		assertThat(i.importance()).isTrue();
		assertThat(i.items()).extracting(Instrument.Item::key).doesNotHaveDuplicates();
	}

	@Test
	void selfRatedItemsReadInTheFirstPerson() {
		assertThat(ItemBank.selfForm("Keeps promises made to partners."))
			.isEqualTo("I keep promises made to partners.");
		assertThat(ItemBank.selfForm("Is straightforward about what can be delivered."))
			.isEqualTo("I am straightforward about what can be delivered.");
		assertThat(ItemBank.selfForm("Reaches out to groups that are heard less often."))
			.isEqualTo("I reach out to groups that are heard less often.");
		assertThat(ItemBank.selfForm("Tries new approaches on a small scale."))
			.isEqualTo("I try new approaches on a small scale.");
		assertThat(ItemBank.selfForm("Speaks up for the system view when it is unpopular at home."))
			.isEqualTo("I speak up for the system view when it is unpopular in my organisation.");
		Instrument survey = ItemBank.instrument("systems_leadership_survey").orElseThrow();
		assertThat(survey.items()).allSatisfy(item -> {
			assertThat(item.text()).startsWith("I ");
			assertThat(item.text()).doesNotContain("the home organisation").doesNotContain(" personal behaviour");
			assertThat(item.text().split(" ")[1]).matches("[a-z]+").doesNotEndWith("ss");
		});
		int elements = BuiltInFrameworks.find("dimension")
			.orElseThrow()
			.elements()
			.stream()
			.mapToInt(d -> d.children().size())
			.sum();
		assertThat(survey.items()).hasSize(2 * elements);
	}

	@Test
	void readinessItemsCoverEveryElementOfTheReadinessFramework() {
		Instrument i = ItemBank.instrument("readiness_survey").orElseThrow();
		assertThat(i.sections()).extracting(Instrument.Section::groupKey)
			.containsOnly("technical", "improvement", "personal");
		assertThat(i.items()).hasSize(30);
		assertThat(ItemBank.instrument("self_assessment").orElseThrow().items()).hasSize(5);
	}

	@Test
	void aCampaignCanUseAFrequencyOrSevenPointScaleAndAnswersAreCheckedAgainstIt() {
		assertThat(ItemBank.scales()).containsKeys("agree5", "frequency5", "agree7");
		Instrument seven = ItemBank.withScale(ItemBank.instrument("readiness_survey").orElseThrow(), "agree7");
		assertThat(seven.scalePoints()).isEqualTo(7);
		assertThat(seven.scale()).contains("Somewhat agree");
		String item = seven.items().get(0).key();
		assertThat(AnswerRules.validate(seven, java.util.Map.of(item, "7"), false)).containsEntry(item, "7");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> AnswerRules.validate(seven, java.util.Map.of(item, "8"), false))
			.hasMessageContaining(item + ": answer 1 to 7");
		assertThat(ItemBank.withScale(seven, "frequency5").scale()).startsWith("Never").endsWith("Always");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> ItemBank.withScale(seven, "agree10"))
			.hasMessageContaining("scale: unknown 'agree10'");
	}

}
