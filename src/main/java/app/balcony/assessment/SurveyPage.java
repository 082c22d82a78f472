package app.balcony.assessment;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a respondent's link opens, for a campaign or a 360: the same page and rules.
 *
 * @param intro what the respondent is told about how their answers are used
 * @param stem words that lead into each statement ("How far do you agree that Sam…"), or
 * empty
 */
public record SurveyPage(String title, Instrument instrument, String intro, String stem, LocalDate opensOn,
		LocalDate closesOn, String status, boolean submitted, Map<String, String> draft) {

	public boolean acceptsAnswers() {
		return "OPEN".equals(this.status);
	}

}
