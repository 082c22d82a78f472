package app.balcony.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.balcony.identity.AuditEntry;
import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.PageResult;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The identity API: who is signed in, accounts and API tokens (admins), in JSON. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity", description = "The signed-in user and the audit log")
class IdentityApiController {

	private final AuditLog audit;

	IdentityApiController(AuditLog audit) {
		this.audit = audit;
	}

	record Me(String username, String displayName, String tenant, String tenantName, String role) {
	}

	@GetMapping("/me")
	@Operation(summary = "Who the caller is, in which tenant, with which role")
	Me me(@AuthenticationPrincipal BalconyUser user) {
		return new Me(user.getUsername(), user.displayName(), user.tenantSlug(), user.tenantName(), user.role().name());
	}

	@GetMapping("/admin/audit")
	@Operation(summary = "The tenant's audit log, newest first (admins only)")
	PageResult<AuditEntry> audit(@AuthenticationPrincipal BalconyUser user,
			@RequestParam(required = false) String action, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.audit.list(user.tenantId(), action, PageResult.clampPage(page), PageResult.clampSize(size));
	}

}
