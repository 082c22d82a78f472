package app.balcony.network.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.balcony.network.NetworkSurvey;
import app.balcony.shared.BadRequestException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The network survey for API clients, with the respondent's link token in place of
 * signing in: the form, roster and organisation search, the draft, and submission.
 * Mistakes are problem details (JSON) that say what is wrong.
 */
@RestController
class NetworkSurveyApiController {

	private final NetworkSurvey survey;

	NetworkSurveyApiController(NetworkSurvey survey) {
		this.survey = survey;
	}

	/** 429: the link has used its roster searches for the day. */
	@ExceptionHandler(NetworkSurvey.SearchLimitException.class)
	ProblemDetail searchLimit(NetworkSurvey.SearchLimitException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
		problem.setTitle("Too many roster searches");
		return problem;
	}

	/** A tie as API clients send it. */
	record TieBody(Long personId, Long organisationId, String frequency, List<String> flows, Integer usefulness) {
	}

	/** Everything a respondent has chosen, as API clients send it. */
	record SurveyBody(List<TieBody> people, List<TieBody> organisations) {
	}

	@GetMapping("/api/v1/network-surveys/{token}")
	NetworkSurvey.Form get(@PathVariable String token) {
		return this.survey.form(token);
	}

	@GetMapping("/api/v1/network-surveys/{token}/roster")
	List<NetworkSurvey.Candidate> roster(@PathVariable String token, @RequestParam String q) {
		return this.survey.searchPeople(token, q);
	}

	@GetMapping("/api/v1/network-surveys/{token}/organisations")
	List<NetworkSurvey.Candidate> organisations(@PathVariable String token, @RequestParam String q) {
		return this.survey.searchOrganisations(token, q);
	}

	@PutMapping("/api/v1/network-surveys/{token}/draft")
	NetworkSurvey.Form draft(@PathVariable String token, @RequestBody SurveyBody body) {
		return this.survey.save(token, values(body));
	}

	/** 201 when this call recorded the ties, 200 when the link was already used. */
	@PostMapping("/api/v1/network-surveys/{token}/submit")
	ResponseEntity<NetworkSurvey.Form> submit(@PathVariable String token, @RequestBody SurveyBody body) {
		NetworkSurvey.Form before = this.survey.form(token);
		if (before.submitted()) {
			return ResponseEntity.ok(before);
		}
		boolean created = this.survey.submit(token, values(body));
		return ResponseEntity.status(created ? 201 : 200).body(this.survey.form(token));
	}

	private static Map<String, String> values(SurveyBody body) {
		Map<String, String> out = new LinkedHashMap<>();
		if (body == null) {
			return out;
		}
		put(out, "p", body.people(), true);
		put(out, "o", body.organisations(), false);
		return out;
	}

	private static void put(Map<String, String> out, String kind, List<TieBody> ties, boolean people) {
		for (TieBody t : ties == null ? List.<TieBody>of() : ties) {
			Long id = people ? t.personId() : t.organisationId();
			if (id == null) {
				throw new BadRequestException((people ? "people" : "organisations") + ": every tie needs "
						+ (people ? "personId" : "organisationId"));
			}
			String prefix = kind + "." + id;
			out.put(prefix, "1");
			if (t.frequency() != null) {
				out.put(prefix + ".frequency", t.frequency());
			}
			if (t.flows() != null) {
				out.put(prefix + ".flows", String.join(";", t.flows()));
			}
			if (t.usefulness() != null) {
				out.put(prefix + ".usefulness", t.usefulness().toString());
			}
		}
	}

}
