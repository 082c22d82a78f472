package app.balcony.assessment.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import app.balcony.assessment.Campaigns;
import app.balcony.assessment.Grouping;
import app.balcony.assessment.ItemBank;
import app.balcony.assessment.ReservedViews;
import app.balcony.assessment.Results;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.Dates;
import app.balcony.system.Sector;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;
import app.balcony.system.SystemQueries;
import app.balcony.system.directory.Directory;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Campaigns for analysts and admins: set one up over an audience, open and close it,
 * follow response rates, download links for a mail-merge, and read the results as a
 * heatmap that the anonymity engine has checked.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST')")
class AssessmentPagesController {

	private final Campaigns campaigns;

	private final Results results;

	private final SystemQueries system;

	private final Directory directory;

	private final app.balcony.assessment.SurveyRoutes routes;

	private final app.balcony.assessment.CampaignMail mail;

	private final ReservedViews reserved;

	private final app.balcony.shared.PublicUrl publicUrl;

	AssessmentPagesController(app.balcony.shared.PublicUrl publicUrl, Campaigns campaigns, Results results,
			SystemQueries system, Directory directory, app.balcony.assessment.CampaignMail mail, ReservedViews reserved,
			app.balcony.assessment.SurveyRoutes routes) {
		this.routes = routes;
		this.directory = directory;
		this.publicUrl = publicUrl;
		this.reserved = reserved;
		this.campaigns = campaigns;
		this.results = results;
		this.system = system;
		this.mail = mail;
	}

	@GetMapping("/assessment")
	String index(@AuthenticationPrincipal BalconyUser user, Model model) {
		List<Campaigns.Campaign> all = this.campaigns.list(user.tenantId());
		model.addAttribute("campaigns", all);
		model.addAttribute("baselines", all.stream().filter(c -> c.baselineId() == null).toList());
		model.addAttribute("instruments",
				ItemBank.instruments().stream().filter(i -> !"360".equals(i.kind())).toList());
		LocalDate today = LocalDate.now();
		model.addAttribute("places", this.system.places(user.tenantId(), today, null));
		model.addAttribute("sectors", Sector.values());
		model.addAttribute("organisations", this.directory.names(user.tenantId()).organisations());
		model.addAttribute("staffGroups", StaffGroup.values());
		model.addAttribute("seniorities", Seniority.values());
		model.addAttribute("bodies", this.system.governanceBodies(user.tenantId(), today));
		model.addAttribute("today", today);
		model.addAttribute("scales", ItemBank.scales());
		model.addAttribute("closes", today.plusWeeks(3));
		return "assessment/index";
	}

	@PostMapping("/assessment/campaigns")
	String create(@AuthenticationPrincipal BalconyUser user, @RequestParam String name, @RequestParam String instrument,
			@RequestParam(defaultValue = "false") boolean anonymous, @RequestParam String opensOn,
			@RequestParam String closesOn, @RequestParam(required = false) Long baselineId,
			@RequestParam(required = false) String waveLabel, @RequestParam(required = false) List<Long> places,
			@RequestParam(required = false) List<Long> organisations,
			@RequestParam(required = false) List<String> sectors,
			@RequestParam(required = false) List<String> staffGroups,
			@RequestParam(required = false) List<String> seniorities, @RequestParam(required = false) List<Long> bodies,
			@RequestParam(defaultValue = "agree5") String scale, Model model, RedirectAttributes redirect) {
		try {
			long id = this.campaigns.create(user.tenantId(), user.getUsername(), new Campaigns.Draft(name, instrument,
					anonymous, Dates.asOf(opensOn, "opensOn"), Dates.asOf(closesOn, "closesOn"), baselineId, waveLabel,
					new Campaigns.Audience(places, organisations, sectors, staffGroups, seniorities, bodies), scale));
			redirect.addFlashAttribute("flash", "Campaign created as a draft. Open it when you are ready.");
			return "redirect:/assessment/campaigns/" + id;
		}
		catch (BadRequestException ex) {
			model.addAttribute("errors", Arrays.asList(ex.getMessage().split("; ")));
			model.addAttribute("form", new Form(name, instrument, anonymous, opensOn, closesOn, baselineId, waveLabel));
			return index(user, model);
		}
	}

	/** What the analyst typed, to show again with the errors. */
	public record Form(String name, String instrument, boolean anonymous, String opensOn, String closesOn,
			Long baselineId, String waveLabel) {
	}

	@GetMapping("/assessment/campaigns/{id}")
	String campaign(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		Campaigns.Campaign c = this.campaigns.find(user.tenantId(), id);
		model.addAttribute("campaign", c);
		model.addAttribute("byPlace", this.campaigns.rates(user.tenantId(), id, Grouping.PLACE));
		model.addAttribute("bySector", this.campaigns.rates(user.tenantId(), id, Grouping.SECTOR));
		model.addAttribute("followUps",
				this.campaigns.list(user.tenantId())
					.stream()
					.filter(f -> Long.valueOf(id).equals(f.baselineId()))
					.toList());
		model.addAttribute("mailConfigured", this.mail.configured());
		model.addAttribute("reserved", this.reserved.list(user.tenantId(), id));
		model.addAttribute("groupings", Grouping.values());
		return "assessment/campaign";
	}

	/** Reserves a view to be released first when the results open. */
	@PostMapping("/assessment/campaigns/{id}/reserved-views")
	String reserve(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String label, @RequestParam(defaultValue = "dimension") String level,
			@RequestParam(required = false) String groupBy, RedirectAttributes redirect) {
		try {
			ReservedViews.View v = this.reserved.reserve(user.tenantId(), user.getUsername(), id, label, level, groupBy,
					List.of());
			redirect.addFlashAttribute("flash",
					"Reserved: " + v.label() + ". It is released first when the results open.");
		}
		catch (app.balcony.shared.BadRequestException ex) {
			redirect.addFlashAttribute("flash", ex.getMessage());
		}
		return "redirect:/assessment/campaigns/" + id + "#reserved";
	}

	@PostMapping("/assessment/campaigns/{id}/reserved-views/{viewId}/remove")
	String unreserve(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @PathVariable long viewId,
			RedirectAttributes redirect) {
		this.reserved.remove(user.tenantId(), user.getUsername(), id, viewId);
		redirect.addFlashAttribute("flash", "The view is no longer reserved.");
		return "redirect:/assessment/campaigns/" + id + "#reserved";
	}

	@PostMapping("/assessment/campaigns/{id}/mail")
	String sendMail(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "false") boolean reminder, jakarta.servlet.http.HttpServletRequest request) {
		String base = this.publicUrl.base();
		long job = this.mail.submit(user, id, base, reminder);
		return "redirect:/assessment/campaigns/" + id + "/mail/" + job;
	}

	@GetMapping("/assessment/campaigns/{id}/mail/{job}")
	String mailJob(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @PathVariable long job,
			Model model) {
		model.addAttribute("campaign", this.campaigns.find(user.tenantId(), id));
		model.addAttribute("job", this.mail.find(user, job));
		return "assessment/mail-job";
	}

	@GetMapping("/assessment/campaigns/{id}/mail/{job}/status")
	String mailJobStatus(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @PathVariable long job,
			Model model) {
		mailJob(user, id, job, model);
		return "assessment/mail-job :: status";
	}

	@PostMapping("/assessment/campaigns/{id}/open")
	String open(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, RedirectAttributes redirect) {
		this.campaigns.open(user.tenantId(), user.getUsername(), id);
		redirect.addFlashAttribute("flash", "The campaign is open. Send the links to the people invited.");
		return "redirect:/assessment/campaigns/" + id;
	}

	@PostMapping("/assessment/campaigns/{id}/close")
	String close(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, RedirectAttributes redirect) {
		this.campaigns.close(user.tenantId(), user.getUsername(), id);
		redirect.addFlashAttribute("flash", "The campaign is closed and its results are open.");
		return "redirect:/assessment/campaigns/" + id;
	}

	/** The decision to hand out links by hand: what it means, and a reason. */
	@GetMapping({ "/assessment/campaigns/{id}/links", "/assessment/campaigns/{id}/links.csv" })
	String linksDecision(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		model.addAttribute("campaign", this.campaigns.find(user.tenantId(), id));
		model.addAttribute("mailConfigured", this.mail.configured());
		return "assessment/links";
	}

	@PostMapping("/assessment/campaigns/{id}/links.csv")
	Object links(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String understood,
			jakarta.servlet.http.HttpServletRequest request, Model model) {
		Map<String, String> errors = handOutErrors(reason, understood);
		if (errors.isEmpty()) {
			try {
				return AssessmentApiController.linksCsv(this.campaigns, user, id, reason, this.publicUrl.base());
			}
			catch (app.balcony.shared.BadRequestException ex) {
				errors.put("reason", fieldMessage(ex.getMessage()));
			}
		}
		model.addAttribute("campaign", this.campaigns.find(user.tenantId(), id));
		model.addAttribute("mailConfigured", this.mail.configured());
		model.addAttribute("reason", reason);
		model.addAttribute("understood", understood != null);
		model.addAttribute("errors", errors);
		return "assessment/links";
	}

	/** What is missing from a decision to hand out links, by field. */
	static Map<String, String> handOutErrors(String reason, String understood) {
		Map<String, String> errors = new java.util.LinkedHashMap<>();
		try {
			Campaigns.handOutReason(reason);
		}
		catch (app.balcony.shared.BadRequestException ex) {
			errors.put("reason", fieldMessage(ex.getMessage()));
		}
		if (understood == null) {
			errors.put("understood", "Confirm that you will give each link only to its own person");
		}
		return errors;
	}

	/** A service's "field: message" as a message for the page. */
	static String fieldMessage(String message) {
		int colon = message.indexOf(": ");
		String text = colon > 0 && colon < 30 && !message.substring(0, colon).contains(" ")
				? message.substring(colon + 2) : message;
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	@GetMapping("/assessment/campaigns/{id}/results")
	String results(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "dimension") String level, @RequestParam(required = false) String groupBy,
			@RequestParam(required = false) List<String> filter, Model model) {
		var own = this.routes.of(this.campaigns.find(user.tenantId(), id).instrument());
		if (own.isPresent()) {
			// Results shown elsewhere (a network survey's are its wave of ties).
			return "redirect:" + own.get().results(id);
		}
		Results.Heatmap heatmap = heatmap(user, id, level, groupBy, filter);
		model.addAttribute("heatmap", heatmap);
		model.addAttribute("reserved", this.reserved.list(user.tenantId(), id));
		model.addAttribute("groupings", Grouping.values());
		model.addAttribute("groupBy", groupBy == null ? "" : groupBy);
		model.addAttribute("level", heatmap.detail().name().toLowerCase());
		model.addAttribute("filterParams", filter == null ? List.of() : filter);
		boolean whole = filter == null || filter.stream().allMatch(String::isBlank);
		model.addAttribute("comments", whole ? this.results.comments(user.tenantId(), id) : List.of());
		model.addAttribute("whole", whole);
		model.addAttribute("items", heatmap.campaign().instrument().items());
		return "assessment/results";
	}

	@GetMapping("/assessment/campaigns/{id}/distribution")
	String distribution(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @RequestParam String item,
			@RequestParam(defaultValue = "place") String groupBy, Model model) {
		model.addAttribute("distribution", this.results.distribution(user.tenantId(), user.getUsername(), id, item,
				groupBy.isBlank() ? null : Grouping.parse(groupBy)));
		model.addAttribute("groupings", Grouping.values());
		model.addAttribute("groupBy", groupBy);
		model.addAttribute("items", this.campaigns.find(user.tenantId(), id).instrument().items());
		return "assessment/distribution";
	}

	@GetMapping("/assessment/campaigns/{id}/change")
	String change(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "dimension") String level,
			@RequestParam(defaultValue = "place") String groupBy, Model model) {
		model.addAttribute("comparison", this.results.compare(user.tenantId(), user.getUsername(), id,
				Results.Detail.parse(level), groupBy.isBlank() ? null : Grouping.parse(groupBy)));
		model.addAttribute("groupings", Grouping.values());
		model.addAttribute("groupBy", groupBy);
		model.addAttribute("level", level.toLowerCase());
		return "assessment/change";
	}

	@GetMapping("/assessment/campaigns/{id}/results.{format}")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@PathVariable String format, @RequestParam(defaultValue = "dimension") String level,
			@RequestParam(required = false) String groupBy, @RequestParam(required = false) List<String> filter) {
		return AssessmentApiController.export(heatmap(user, id, level, groupBy, filter), format);
	}

	private Results.Heatmap heatmap(BalconyUser user, long id, String level, String groupBy, List<String> filter) {
		return this.results.heatmap(user.tenantId(), user.getUsername(), id, level, groupBy, filter);
	}

}
