package app.balcony.identity.web;

import app.balcony.identity.BalconyUser;
import app.balcony.identity.TenantAccounts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A signed-in person's own account: their API tokens for scripts that call the JSON API.
 */
@Controller
class AccountController {

	private final TenantAccounts accounts;

	AccountController(TenantAccounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/account")
	String account(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("tokens", this.accounts.apiTokens(user.tenantId(), user.accountId()));
		return "account";
	}

	@PostMapping("/account/tokens")
	String createToken(@AuthenticationPrincipal BalconyUser user, @RequestParam String name,
			RedirectAttributes redirect) {
		try {
			String token = this.accounts.createApiToken(user.tenantId(), user.getUsername(), name, user.getUsername());
			redirect.addFlashAttribute("newToken", token);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("tokenError", ex.getMessage());
		}
		return "redirect:/account";
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, RedirectAttributes redirect) {
		this.accounts.revokeApiToken(user.tenantId(), user.accountId(), id, user.getUsername());
		redirect.addFlashAttribute("flash", "Token revoked.");
		return "redirect:/account";
	}

}
