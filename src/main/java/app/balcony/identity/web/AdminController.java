package app.balcony.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.identity.Role;
import app.balcony.identity.TenantAccounts;
import app.balcony.shared.PageResult;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin pages: the tenant's accounts and the audit log. Restricted to admins by the
 * security configuration ({@code /admin/**}).
 */
@Controller
class AdminController {

	private final TenantAccounts accounts;

	private final AuditLog audit;

	AdminController(TenantAccounts accounts, AuditLog audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	@InitBinder
	void disallowId(WebDataBinder binder) {
		binder.setDisallowedFields("id");
	}

	record NewAccountForm(@NotBlank(message = "Enter a username") @Size(max = 120) String username,
			@NotBlank(message = "Enter the person's name") @Size(max = 200) String displayName,
			@NotNull(message = "Choose a role") Role role, @NotBlank(message = "Enter a password") @Size(min = 10,
					max = 128, message = "Password must be 10 to 128 characters") String password) {
	}

	@GetMapping("/admin/users")
	String users(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("accounts", this.accounts.accounts(user.tenantId()));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new NewAccountForm("", "", Role.MEMBER, ""));
		}
		model.addAttribute("roles", Role.values());
		return "admin/users";
	}

	@PostMapping("/admin/users")
	String createUser(@AuthenticationPrincipal BalconyUser user, @Valid @ModelAttribute("form") NewAccountForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				this.accounts.createAccount(user.tenantId(), form.username(), form.displayName(), form.password(),
						form.role(), user.getUsername());
				redirect.addFlashAttribute("flash", "Account '" + form.username().trim().toLowerCase() + "' created.");
				return "redirect:/admin/users";
			}
			catch (IllegalArgumentException ex) {
				String message = ex.getMessage();
				result.rejectValue(message.contains("assword") ? "password" : "username", "invalid", message);
			}
		}
		model.addAttribute("accounts", this.accounts.accounts(user.tenantId()));
		model.addAttribute("roles", Role.values());
		return "admin/users";
	}

	@PostMapping("/admin/users/{id}/enabled")
	String setEnabled(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @RequestParam boolean enabled,
			RedirectAttributes redirect) {
		if (id == user.accountId() && !enabled) {
			redirect.addFlashAttribute("flash", "You cannot disable your own account.");
			return "redirect:/admin/users";
		}
		this.accounts.setEnabled(user.tenantId(), id, enabled, user.getUsername());
		redirect.addFlashAttribute("flash", enabled ? "Account enabled." : "Account disabled.");
		return "redirect:/admin/users";
	}

	@GetMapping("/admin/audit")
	String audit(@AuthenticationPrincipal BalconyUser user, @RequestParam(required = false) String action,
			@RequestParam(required = false) Integer page, Model model) {
		PageResult<?> entries = this.audit.list(user.tenantId(), action, PageResult.clampPage(page), 50);
		model.addAttribute("entries", entries);
		model.addAttribute("action", action);
		return "admin/audit";
	}

}
