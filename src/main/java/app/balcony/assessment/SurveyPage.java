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
		LocalDate closesOn, String status, boolean submitted, Map<String, String> draft, Use use) {

	/**
	 * How the link has been used: whether answers are being saved through it on another
	 * device or browser (then the draft is not shown here), since when, how often it was
	 * started again, and the day it was submitted.
	 */
	public record Use(boolean inUseElsewhere, java.time.LocalDateTime boundAt, int restarts, LocalDate submittedOn) {

		public static final Use NONE = new Use(false, null, 0, null);

	}

	public boolean acceptsAnswers() {
		return "OPEN".equals(this.status);
	}

}
