package app.balcony.assessment.web;

import java.util.ArrayList;
import java.util.List;

import app.balcony.assessment.RaterMail;
import app.balcony.assessment.ThreeSixty;
import app.balcony.identity.BalconyUser;
import app.balcony.identity.TenantAccounts;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.Dates;
import app.balcony.shared.TableExport;
import app.balcony.shared.web.Downloads;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 360 feedback: any signed-in leader starts their own (admins and analysts can start one
 * for someone), nominates raters, hands out links, and reads the report with their chosen
 * facilitator.
 */
@Controller
class FeedbackPagesController {

	private final ThreeSixty threeSixty;

	private final TenantAccounts accounts;

	private final RaterMail mail;

	private final app.balcony.shared.PublicUrl publicUrl;

	FeedbackPagesController(ThreeSixty threeSixty, TenantAccounts accounts, RaterMail mail,
			app.balcony.shared.PublicUrl publicUrl) {
		this.publicUrl = publicUrl;
		this.mail = mail;
		this.threeSixty = threeSixty;
		this.accounts = accounts;
	}

	@GetMapping("/feedback")
	String index(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("feedback", this.threeSixty.mine(user));
		boolean od = user.role() == app.balcony.identity.Role.ADMIN || user.role() == app.balcony.identity.Role.ANALYST;
		// Options carry account ids, not usernames (which are e-mail addresses); a member
		// is offered only the people who can facilitate (facilitators, analysts,
		// admins), by name.
		model.addAttribute("accounts",
				this.accounts.accounts(user.tenantId())
					.stream()
					.filter(a -> a.enabled() && a.id() != user.accountId())
					.filter(a -> od || a.role() != app.balcony.identity.Role.MEMBER)
					.toList());
		model.addAttribute("closes", java.time.LocalDate.now().plusWeeks(3));
		model.addAttribute("od", od);
		return "feedback/index";
	}

	@PostMapping("/feedback")
	String start(@AuthenticationPrincipal BalconyUser user, @RequestParam(required = false) String subject,
			@RequestParam(required = false) String facilitator,
			@RequestParam(defaultValue = "false") boolean managerIdentifiable, @RequestParam String closesOn,
			Model model, RedirectAttributes redirect) {
		try {
			long id = this.threeSixty.start(user, username(user, subject), username(user, facilitator),
					managerIdentifiable, Dates.asOf(closesOn, "closesOn"));
			redirect.addFlashAttribute("flash", "360 started. Nominate your raters.");
			return "redirect:/feedback/" + id;
		}
		catch (BadRequestException ex) {
			model.addAttribute("error", ex.getMessage());
			return index(user, model);
		}
	}

	/**
	 * The username behind a form's choice: {@code account:<id>} (what the page offers)
	 * within the user's ICS, or a username as such (the API's form).
	 */
	private String username(BalconyUser user, String choice) {
		if (choice == null || !choice.startsWith("account:")) {
			return choice;
		}
		String id = choice.substring("account:".length());
		return this.accounts.accounts(user.tenantId())
			.stream()
			.filter(a -> String.valueOf(a.id()).equals(id))
			.map(app.balcony.identity.AccountView::username)
			.findFirst()
			.orElseThrow(() -> new BadRequestException("No such account in your ICS: " + id));
	}

	@GetMapping("/feedback/{id}")
	String manage(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		ThreeSixty.Feedback f = this.threeSixty.manage(user, id);
		model.addAttribute("f", f);
		model.addAttribute("raters", this.threeSixty.raters(user, id));
		model.addAttribute("relationships",
				java.util.Arrays.stream(ThreeSixty.Relationship.values())
					.filter(r -> r != ThreeSixty.Relationship.SELF)
					.toList());
		model.addAttribute("selfLink", this.threeSixty.selfToken(user, id).map(t -> "/r/" + t).orElse(null));
		model.addAttribute("mailConfigured", this.mail.configured());
		model.addAttribute("canSeeReport",
				user.getUsername().equals(f.subjectUsername()) || user.getUsername().equals(f.facilitatorUsername()));
		return "feedback/manage";
	}

	@PostMapping("/feedback/{id}/raters")
	String nominate(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @RequestParam String name,
			@RequestParam(required = false) String email, @RequestParam String relationship, Model model,
			RedirectAttributes redirect) {
		try {
			this.threeSixty.nominate(user, id, ThreeSixty.Relationship.valueOf(relationship), name, email);
		}
		catch (IllegalArgumentException | BadRequestException ex) {
			String message = ex.getMessage() == null ? "" : ex.getMessage();
			int colon = message.indexOf(": ");
			String field = colon > 0 && colon < 20 ? message.substring(0, colon) : "name";
			model.addAttribute("error", AssessmentPagesController.fieldMessage(message));
			model.addAttribute("errorField",
					java.util.Set.of("name", "email", "relationship").contains(field) ? field : "name");
			model.addAttribute("typedName", name);
			model.addAttribute("typedEmail", email);
			model.addAttribute("typedRelationship", relationship);
			return manage(user, id, model);
		}
		redirect.addFlashAttribute("flash", name + " added.");
		return "redirect:/feedback/" + id;
	}

	@PostMapping("/feedback/{id}/close")
	String close(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, RedirectAttributes redirect) {
		this.threeSixty.close(user, id);
		redirect.addFlashAttribute("flash", "The 360 is closed.");
		return "redirect:/feedback/" + id;
	}

	/** Mails each rater not yet mailed their own link. */
	@PostMapping("/feedback/{id}/mail")
	String mail(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			jakarta.servlet.http.HttpServletRequest request, RedirectAttributes redirect) {
		try {
			RaterMail.Sent sent = this.mail.send(user, id, this.publicUrl.base());
			redirect.addFlashAttribute("flash",
					"Sent " + sent.sent() + " rater invitation" + (sent.sent() == 1 ? "" : "s")
							+ (sent.failed().isEmpty() ? "."
									: "; could not send to " + String.join(", ", sent.failed()) + "."));
		}
		catch (BadRequestException ex) {
			redirect.addFlashAttribute("flash", ex.getMessage());
		}
		return "redirect:/feedback/" + id;
	}

	/** The decision to hand rater links out by hand: what it means, and a reason. */
	@GetMapping({ "/feedback/{id}/links", "/feedback/{id}/links.csv" })
	String linksDecision(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		model.addAttribute("f", this.threeSixty.manage(user, id));
		model.addAttribute("mailConfigured", this.mail.configured());
		return "feedback/links";
	}

	@PostMapping("/feedback/{id}/links.csv")
	Object links(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String understood,
			jakarta.servlet.http.HttpServletRequest request, Model model) {
		List<ThreeSixty.Link> links = null;
		java.util.Map<String, String> errors = AssessmentPagesController.handOutErrors(reason, understood);
		if (errors.isEmpty()) {
			try {
				links = this.threeSixty.links(user, id, reason);
			}
			catch (BadRequestException ex) {
				errors.put("reason", AssessmentPagesController.fieldMessage(ex.getMessage()));
			}
		}
		if (links == null) {
			model.addAttribute("f", this.threeSixty.manage(user, id));
			model.addAttribute("mailConfigured", this.mail.configured());
			model.addAttribute("reason", reason);
			model.addAttribute("understood", understood != null);
			model.addAttribute("errors", errors);
			return "feedback/links";
		}
		String base = this.publicUrl.base();
		List<List<Object>> rows = new ArrayList<>();
		for (ThreeSixty.Link l : links) {
			rows.add(List.of(l.name(), l.email() == null ? "" : l.email(), l.relationship(), base + "/r/" + l.token(),
					l.status().toLowerCase()));
		}
		return Downloads.file("360-" + id + "-links.csv", Downloads.CSV, TableExport.csv(new TableExport.Table("raters",
				List.of("name", "email", "relationship", "link", "status"), List.copyOf(rows))));
	}

	@GetMapping("/feedback/{id}/report")
	String report(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		ThreeSixty.Feedback f = this.threeSixty.manage(user, id);
		boolean reader = user.getUsername().equals(f.subjectUsername())
				|| user.getUsername().equals(f.facilitatorUsername());
		if (reader && !f.reportOpen()) {
			model.addAttribute("f", f);
			model.addAttribute("answered", f.counts().values().stream().mapToInt(c -> c[1]).sum());
			model.addAttribute("links", f.counts().values().stream().mapToInt(c -> c[0]).sum());
			return "feedback/report-waiting";
		}
		model.addAttribute("report", this.threeSixty.report(user, id));
		model.addAttribute("mine", true);
		model.addAttribute("gap", ThreeSixty.GAP);
		return "feedback/report";
	}

	@GetMapping("/api/v1/feedback/{id}/report")
	@ResponseBody
	ThreeSixty.Report reportJson(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.threeSixty.report(user, id);
	}

	@PostMapping("/feedback/{id}/plan")
	String addAction(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @RequestParam String action,
			@RequestParam(required = false) String dueOn, RedirectAttributes redirect) {
		this.threeSixty.addAction(user, id, action,
				dueOn == null || dueOn.isBlank() ? null : Dates.asOf(dueOn, "dueOn"));
		return "redirect:/feedback/" + id + "/report#plan";
	}

	@PostMapping("/feedback/{id}/plan/{actionId}")
	String progress(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @PathVariable long actionId,
			@RequestParam String progress) {
		this.threeSixty.progress(user, id, actionId, progress);
		return "redirect:/feedback/" + id + "/report#plan";
	}

}
