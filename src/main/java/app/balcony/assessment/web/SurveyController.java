package app.balcony.assessment.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import app.balcony.assessment.Campaigns;
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
 * The respondent's side, opened by the link in their invitation: no account, progress
 * saved as they go, one submission. The same as JSON under
 * {@code /api/v1/surveys/{token}}.
 */
@Controller
class SurveyController {

	private final Campaigns campaigns;

	SurveyController(Campaigns campaigns) {
		this.campaigns = campaigns;
	}

	@GetMapping("/s/{token}")
	String survey(@PathVariable String token, @RequestParam(required = false) String saved, Model model) {
		Campaigns.Survey survey = find(token);
		model.addAttribute("survey", survey);
		model.addAttribute("token", token);
		model.addAttribute("answers", survey.draft());
		model.addAttribute("saved", saved != null);
		return survey.submitted() ? "assessment/thanks" : "assessment/survey";
	}

	@PostMapping("/s/{token}")
	String answer(@PathVariable String token, @RequestParam Map<String, String> form,
			@RequestParam(defaultValue = "save") String action, Model model) {
		Campaigns.Survey survey = find(token);
		if (survey.submitted()) {
			// A repeated or double-clicked submit lands here: nothing changes.
			model.addAttribute("survey", survey);
			return "assessment/thanks";
		}
		Map<String, String> answers = new LinkedHashMap<>(form);
		answers.remove("_csrf");
		answers.remove("action");
		try {
			if ("submit".equals(action)) {
				this.campaigns.submit(token, answers);
				return "redirect:/s/" + token;
			}
			this.campaigns.save(token, answers);
			return "redirect:/s/" + token + "?saved";
		}
		catch (BadRequestException ex) {
			// Keep what they typed (save what is valid), then say what is missing.
			try {
				this.campaigns.save(token, answers);
			}
			catch (BadRequestException ignored) {
				// The answers themselves are invalid; the message below says which.
			}
			Campaigns.Survey again = find(token);
			Map<String, String> shown = new LinkedHashMap<>(again.draft());
			shown.putAll(answers);
			model.addAttribute("survey", again);
			model.addAttribute("token", token);
			model.addAttribute("answers", shown);
			model.addAttribute("problem", ex.getMessage());
			return "assessment/survey";
		}
	}

	@GetMapping("/api/v1/surveys/{token}")
	@ResponseBody
	SurveyView get(@PathVariable String token) {
		return SurveyView.of(find(token));
	}

	@PutMapping("/api/v1/surveys/{token}/draft")
	@ResponseBody
	SurveyView save(@PathVariable String token, @RequestBody Map<String, String> answers) {
		return SurveyView.of(this.campaigns.save(token, answers));
	}

	/**
	 * Submits; 201 when this call recorded the response, 200 when it was already
	 * submitted.
	 */
	@PostMapping("/api/v1/surveys/{token}/submit")
	@ResponseBody
	ResponseEntity<SurveyView> submit(@PathVariable String token, @RequestBody Map<String, String> answers) {
		boolean created = this.campaigns.submit(token, answers);
		return ResponseEntity.status(created ? 201 : 200).body(SurveyView.of(find(token)));
	}

	/** What a respondent's API sees: no names, no other respondents. */
	record SurveyView(String campaign, String instrument, String status, boolean anonymous, String closesOn,
			Map<String, String> draft, app.balcony.assessment.Instrument questions) {

		static SurveyView of(Campaigns.Survey s) {
			return new SurveyView(s.campaign().name(), s.campaign().instrument().key(), s.status(),
					s.campaign().anonymous(), s.campaign().closesOn().toString(), s.draft(), s.campaign().instrument());
		}

	}

	private Campaigns.Survey find(String token) {
		Optional<Campaigns.Survey> survey = this.campaigns.survey(token);
		return survey.orElseThrow(() -> new NotFoundException(
				"This survey link is not valid. Check that the whole link was copied from your invitation."));
	}

}
