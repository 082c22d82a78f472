package app.balcony.assessment;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Surveys run as campaigns but answered on pages of their own: a plug-in per kind, from
 * the module that owns the pages (the network survey, where respondents pick people from
 * the roster, is one), so that this module follows a link to them without knowing their
 * addresses.
 */
@Component
public class SurveyRoutes {

	/** One kind of survey answered on its own pages. */
	public interface Kind {

		/** Whether campaigns of this instrument are answered on this kind's pages. */
		boolean answers(Instrument instrument);

		/** Where a respondent answers the link with this token. */
		String page(String token);

		/** The same in the JSON API. */
		String api(String token);

		/** Where a closed campaign's results are shown. */
		String results(long campaignId);

	}

	private final List<Kind> kinds;

	SurveyRoutes(List<Kind> kinds) {
		this.kinds = List.copyOf(kinds);
	}

	/**
	 * The kind whose pages answer campaigns of this instrument, if not the usual ones.
	 */
	public Optional<Kind> of(Instrument instrument) {
		return this.kinds.stream().filter(k -> k.answers(instrument)).findFirst();
	}

}
