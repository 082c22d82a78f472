package app.balcony.framework.web;

import java.util.List;

import app.balcony.framework.Framework;
import app.balcony.framework.FrameworkCatalog;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Frameworks: everyone signed in can read them; admins save new versions (their own
 * frameworks, or edited copies of built-in ones under the same key).
 */
@RestController
@RequestMapping("/api/v1/frameworks")
class FrameworkApiController {

	private final FrameworkCatalog catalog;

	FrameworkApiController(FrameworkCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	List<Framework> list(@AuthenticationPrincipal BalconyUser user) {
		return this.catalog.list(user.tenantId());
	}

	@GetMapping("/{key}")
	Framework one(@AuthenticationPrincipal BalconyUser user, @PathVariable String key,
			@RequestParam(required = false) Integer version) {
		return this.catalog.find(user.tenantId(), key, version)
			.orElseThrow(() -> new NotFoundException(
					"No framework '" + key + "'" + (version == null ? "" : " version " + version)));
	}

	@GetMapping("/{key}/versions")
	List<Framework> versions(@AuthenticationPrincipal BalconyUser user, @PathVariable String key) {
		List<Framework> all = this.catalog.versions(user.tenantId(), key);
		if (all.isEmpty()) {
			throw new NotFoundException("No framework '" + key + "'");
		}
		return all;
	}

	@PostMapping
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<Framework> save(@AuthenticationPrincipal BalconyUser user, @RequestBody Framework draft) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.catalog.save(user.tenantId(), user.getUsername(), draft));
	}

}
