package app.balcony.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On a deployment's first start, creates the first tenant and admin from
 * {@code BALCONY_ADMIN_USERNAME} and {@code BALCONY_ADMIN_PASSWORD} (and optionally
 * {@code BALCONY_TENANT_SLUG}, {@code BALCONY_TENANT_NAME}). Does nothing once any
 * account exists.
 */
@Component
@Order(0)
class FirstAdminInitializer implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdminInitializer.class);

	private final TenantAccounts accounts;

	private final IdentityProperties properties;

	FirstAdminInitializer(TenantAccounts accounts, IdentityProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		var first = this.properties.firstAdmin();
		if (first == null || first.username() == null || first.username().isBlank()) {
			return;
		}
		if (this.accounts.anyAccountExists()) {
			return;
		}
		Tenant tenant = this.accounts.findTenant(first.tenantSlug())
			.orElseGet(() -> this.accounts.createTenant(first.tenantSlug(), first.tenantName()));
		this.accounts.createAccount(tenant.id(), first.username(), "Administrator", first.password(), Role.ADMIN,
				"system");
		log.info("Created the first admin '{}' for tenant '{}'", first.username(), tenant.slug());
	}

}
