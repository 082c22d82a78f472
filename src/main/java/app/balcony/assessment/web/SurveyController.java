package app.balcony.assessment.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import app.balcony.assessment.Campaigns;
import app.balcony.assessment.SurveyPage;
import app.balcony.assessment.SurveyRoutes;
import app.balcony.assessment.ThreeSixty;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The respondent's side, opened by the link in an invitation: no account, progress saved
 * as they go, one submission. Campaign links are {@code /s/{token}}, 360 rater links
 * {@code /r/{token}}; the same as JSON under {@code /api/v1/surveys/{token}} and
 * {@code /api/v1/raters/{token}}.
 */
@Controller
class SurveyController {

	/** One kind of survey link. */
	private record Kind(String path, String api, Function<String, Optional<SurveyPage>> page,
			BiFunction<String, Map<String, String>, SurveyPage> save,
			BiFunction<String, Map<String, String>, Boolean> submit, Function<String, SurveyPage> restart) {
	}

	private final Kind campaign;

	private final Kind rater;

	private final SurveyRoutes routes;

	SurveyController(Campaigns campaigns, ThreeSixty threeSixty, SurveyRoutes routes) {
		this.routes = routes;
		this.campaign = new Kind("/s/", "/api/v1/surveys/", t -> campaigns.survey(t).map(campaigns::page),
				(t, a) -> campaigns.page(campaigns.save(t, a)), campaigns::submit,
				t -> campaigns.page(campaigns.restart(t)));
		this.rater = new Kind("/r/", "/api/v1/raters/", threeSixty::survey, threeSixty::save, threeSixty::submit,
				threeSixty::restart);
	}

	@GetMapping("/s/{token}")
	String survey(@PathVariable String token, @RequestParam(required = false) String saved, Model model) {
		return show(this.campaign, token, saved != null, model);
	}

	@GetMapping("/r/{token}")
	String rater(@PathVariable String token, @RequestParam(required = false) String saved, Model model) {
		return show(this.rater, token, saved != null, model);
	}

	@PostMapping("/s/{token}")
	String answer(@PathVariable String token, @RequestParam Map<String, String> form,
			@RequestParam(defaultValue = "save") String action, Model model) {
		return answer(this.campaign, token, form, action, model);
	}

	@PostMapping("/r/{token}")
	String answerRater(@PathVariable String token, @RequestParam Map<String, String> form,
			@RequestParam(defaultValue = "save") String action, Model model) {
		return answer(this.rater, token, form, action, model);
	}

	/**
	 * Starts the link again on this device: what was saved through it elsewhere is
	 * discarded unread.
	 */
	@PostMapping({ "/s/{token}/restart", "/r/{token}/restart" })
	String restart(@PathVariable String token, jakarta.servlet.http.HttpServletRequest request) {
		Kind kind = request.getRequestURI().startsWith("/r/") ? this.rater : this.campaign;
		SurveyPage page = kind.restart().apply(token);
		return "redirect:" + this.routes.of(page.instrument()).map(k -> k.page(token)).orElse(kind.path() + token);
	}

	@PostMapping({ "/api/v1/surveys/{token}/restart", "/api/v1/raters/{token}/restart" })
	@ResponseBody
	SurveyPage restartApi(@PathVariable String token, jakarta.servlet.http.HttpServletRequest request) {
		return kind(request).restart().apply(token);
	}

	private String show(Kind kind, String token, boolean saved, Model model) {
		SurveyPage page = find(kind, token);
		var own = this.routes.of(page.instrument());
		if (own.isPresent()) {
			// Answered on pages of their own (a network survey picks people from the
			// roster).
			return "redirect:" + own.get().page(token);
		}
		model.addAttribute("page", page);
		model.addAttribute("action", kind.path() + token);
		model.addAttribute("autosave", kind.api() + token + "/draft");
		model.addAttribute("answers", page.draft());
		model.addAttribute("saved", saved);
		return page.submitted() ? "assessment/thanks" : "assessment/survey";
	}

	private String answer(Kind kind, String token, Map<String, String> form, String action, Model model) {
		SurveyPage page = find(kind, token);
		if (page.submitted()) {
			// A repeated or double-clicked submit lands here: nothing changes.
			model.addAttribute("page", page);
			return "assessment/thanks";
		}
		Map<String, String> answers = new LinkedHashMap<>(form);
		answers.remove("_csrf");
		answers.remove("action");
		try {
			if ("submit".equals(action)) {
				kind.submit().apply(token, answers);
				return "redirect:" + kind.path() + token;
			}
			kind.save().apply(token, answers);
			return "redirect:" + kind.path() + token + "?saved";
		}
		catch (BadRequestException ex) {
			// Keep what they gave (what is valid is saved), then say what is missing.
			try {
				kind.save().apply(token, answers);
			}
			catch (BadRequestException ignored) {
				// The answers themselves are invalid; the message below says which.
			}
			SurveyPage again = find(kind, token);
			Map<String, String> shown = new LinkedHashMap<>(again.draft());
			shown.putAll(answers);
			model.addAttribute("page", again);
			model.addAttribute("action", kind.path() + token);
			model.addAttribute("autosave", kind.api() + token + "/draft");
			model.addAttribute("answers", shown);
			model.addAttribute("answerProblem", ex.getMessage());
			model.addAttribute("notSaved", ex instanceof app.balcony.shared.ConflictException);
			return "assessment/survey";
		}
	}

	@GetMapping({ "/api/v1/surveys/{token}", "/api/v1/raters/{token}" })
	@ResponseBody
	SurveyPage get(@PathVariable String token, jakarta.servlet.http.HttpServletRequest request) {
		return find(kind(request), token);
	}

	@PutMapping({ "/api/v1/surveys/{token}/draft", "/api/v1/raters/{token}/draft" })
	@ResponseBody
	SurveyPage save(@PathVariable String token, @RequestBody Map<String, String> answers,
			jakarta.servlet.http.HttpServletRequest request) {
		return kind(request).save().apply(token, answers);
	}

	/**
	 * Submits; 201 when this call recorded the response, 200 when it was already
	 * submitted.
	 */
	@PostMapping({ "/api/v1/surveys/{token}/submit", "/api/v1/raters/{token}/submit" })
	@ResponseBody
	ResponseEntity<SurveyPage> submit(@PathVariable String token, @RequestBody Map<String, String> answers,
			jakarta.servlet.http.HttpServletRequest request) {
		Kind kind = kind(request);
		boolean created = kind.submit().apply(token, answers);
		return ResponseEntity.status(created ? 201 : 200).body(find(kind, token));
	}

	private Kind kind(jakarta.servlet.http.HttpServletRequest request) {
		return request.getRequestURI().contains("/api/v1/raters/") ? this.rater : this.campaign;
	}

	private SurveyPage find(Kind kind, String token) {
		return kind.page()
			.apply(token)
			.orElseThrow(() -> new NotFoundException(
					"This survey link is not valid. Check that the whole link was copied from your invitation."));
	}

}
