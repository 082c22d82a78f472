package app.balcony.system.web;

import app.balcony.identity.BalconyUser;
import app.balcony.system.Level;
import app.balcony.system.LevelNames;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins rename the three levels to the words their ICS uses (under /admin, so admins
 * only).
 */
@Controller
class LevelSettingsController {

	private final LevelNames levelNames;

	LevelSettingsController(LevelNames levelNames) {
		this.levelNames = levelNames;
	}

	@GetMapping("/admin/levels")
	String levels(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("names", this.levelNames.names(user.tenantId()));
		model.addAttribute("levels", Level.values());
		return "admin/levels";
	}

	@PostMapping("/admin/levels")
	String rename(@AuthenticationPrincipal BalconyUser user, @RequestParam String system, @RequestParam String place,
			@RequestParam String neighbourhood, Model model, RedirectAttributes redirect) {
		try {
			this.levelNames.renameAll(user.tenantId(),
					java.util.Map.of(Level.SYSTEM, system, Level.PLACE, place, Level.NEIGHBOURHOOD, neighbourhood),
					user.getUsername());
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
			return levels(user, model);
		}
		redirect.addFlashAttribute("flash", "Level names saved.");
		return "redirect:/admin/levels";
	}

}
