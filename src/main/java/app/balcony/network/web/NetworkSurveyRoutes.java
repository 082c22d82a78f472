package app.balcony.network.web;

import app.balcony.assessment.Instrument;
import app.balcony.assessment.SurveyRoutes;

import org.springframework.stereotype.Component;

/**
 * Network surveys are campaigns answered on the network module's pages (picking people
 * from the roster): their addresses, for the survey links and results of the assessment
 * module.
 */
@Component
class NetworkSurveyRoutes implements SurveyRoutes.Kind {

	@Override
	public boolean answers(Instrument instrument) {
		return instrument.network();
	}

	@Override
	public String page(String token) {
		return "/s/" + token + "/network";
	}

	@Override
	public String api(String token) {
		return "/api/v1/network-surveys/" + token;
	}

	@Override
	public String results(long campaignId) {
		return "/network/campaigns/" + campaignId;
	}

}
