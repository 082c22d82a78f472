package app.balcony.network.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.balcony.network.NetworkSurvey;
import app.balcony.shared.BadRequestException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A respondent's network survey, opened from their invitation link without signing in:
 * search the roster, add people and organisations, describe each tie, save and come back,
 * submit once. Works without JavaScript (every button posts the whole form, so nothing
 * typed is lost). The same through {@code /api/v1/network-surveys/{token}}
 * ({@link NetworkSurveyApiController}).
 */
@Controller
class NetworkSurveyController {

	private final NetworkSurvey survey;

	NetworkSurveyController(NetworkSurvey survey) {
		this.survey = survey;
	}

	@GetMapping("/s/{token}/network")
	String show(@PathVariable String token, @RequestParam(required = false) String q,
			@RequestParam(required = false) String oq, @RequestParam(required = false) String saved, Model model) {
		NetworkSurvey.Form form = this.survey.form(token);
		model.addAttribute("form", form);
		if (form.submitted()) {
			return "network/survey-thanks";
		}
		model.addAttribute("token", token);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("oq", oq == null ? "" : oq);
		boolean open = "OPEN".equals(form.status());
		try {
			model.addAttribute("people", q == null || !open ? List.of() : this.survey.searchPeople(token, q));
			model.addAttribute("organisations",
					oq == null || !open ? List.of() : this.survey.searchOrganisations(token, oq));
		}
		catch (NetworkSurvey.SearchLimitException ex) {
			model.addAttribute("people", List.of());
			model.addAttribute("organisations", List.of());
			model.addAttribute("searchLimit", ex.getMessage());
		}
		model.addAttribute("frequencies", NetworkSurvey.frequencies());
		model.addAttribute("flows", NetworkSurvey.flows());
		model.addAttribute("saved", saved != null);
		return "network/survey";
	}

	/**
	 * Every button of the page posts here with the whole form: what was typed is saved
	 * first, then the button's action (search, add, remove, save, submit) is applied.
	 */
	@PostMapping("/s/{token}/network")
	String post(@PathVariable String token, @RequestParam MultiValueMap<String, String> body, Model model) {
		Map<String, String> values = values(body);
		String q = body.getFirst("q");
		String oq = body.getFirst("oq");
		String add = body.getFirst("add");
		String remove = body.getFirst("remove");
		String action = body.getFirst("action");
		if (this.survey.form(token).submitted()) {
			return "redirect:/s/" + token + "/network";
		}
		if (add != null && add.matches("[po]\\.\\d{1,18}")) {
			values.put(add, "1");
		}
		if (remove != null) {
			values.keySet().removeIf(k -> k.equals(remove) || k.startsWith(remove + "."));
		}
		try {
			if ("submit".equals(action)) {
				this.survey.save(token, values);
				this.survey.submit(token, null);
				return "redirect:/s/" + token + "/network";
			}
			this.survey.save(token, values);
		}
		catch (BadRequestException ex) {
			model.addAttribute("problems", java.util.Arrays.stream(ex.getMessage().split("; ")).toList());
			return show(token, blank(q), blank(oq), null, model);
		}
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/s/" + token + "/network");
		if ("save".equals(action)) {
			url.queryParam("saved", "");
		}
		if (!blankOrNull(q)) {
			url.queryParam("q", q.strip());
		}
		if (!blankOrNull(oq)) {
			url.queryParam("oq", oq.strip());
		}
		return "redirect:" + url.encode().build().toUriString() + (add != null ? "#chosen" : "");
	}

	private static String blank(String s) {
		return blankOrNull(s) ? null : s;
	}

	private static boolean blankOrNull(String s) {
		return s == null || s.isBlank();
	}

	/** The tie fields of the form: checkbox groups (flows) joined with semicolons. */
	private static Map<String, String> values(MultiValueMap<String, String> body) {
		Map<String, String> out = new LinkedHashMap<>();
		body.forEach((key, list) -> {
			if (key.matches("[po]\\.\\d{1,18}(\\.(frequency|flows|usefulness))?")) {
				List<String> kept = new ArrayList<>(list.stream().filter(v -> v != null && !v.isBlank()).toList());
				out.put(key, String.join(";", kept));
			}
		});
		return out;
	}

}
