package app.balcony.privacy.web;

import app.balcony.privacy.AnonymityEngine;
import app.balcony.privacy.Thresholds;

import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins set the tenant's anonymity thresholds (page and API). */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class PrivacyAdminController {

	private final AnonymityEngine engine;

	PrivacyAdminController(AnonymityEngine engine) {
		this.engine = engine;
	}

	@GetMapping("/admin/privacy")
	String page(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("thresholds", this.engine.thresholds(user.tenantId()));
		return "admin/privacy";
	}

	@PostMapping("/admin/privacy")
	String save(@AuthenticationPrincipal BalconyUser user, @RequestParam int minCell, @RequestParam int minComments,
			@RequestParam int minRaterGroup, Model model, RedirectAttributes redirect) {
		try {
			this.engine.saveThresholds(user.tenantId(), user.getUsername(), minCell, minComments, minRaterGroup);
		}
		catch (BadRequestException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("thresholds",
					new Thresholds(Math.max(2, minCell), Math.max(2, minComments), Math.max(2, minRaterGroup)));
			return "admin/privacy";
		}
		redirect.addFlashAttribute("flash", "Anonymity thresholds saved.");
		return "redirect:/admin/privacy";
	}

	@GetMapping("/api/v1/admin/privacy")
	@ResponseBody
	Thresholds get(@AuthenticationPrincipal BalconyUser user) {
		return this.engine.thresholds(user.tenantId());
	}

	@PutMapping("/api/v1/admin/privacy")
	@ResponseBody
	Thresholds put(@AuthenticationPrincipal BalconyUser user, @RequestBody Thresholds thresholds) {
		return this.engine.saveThresholds(user.tenantId(), user.getUsername(), thresholds.minCell(),
				thresholds.minComments(), thresholds.minRaterGroup());
	}

}
