package app.balcony.evidence;

import app.balcony.identity.TenantAccounts;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When started as the demo, gives Northvale its demo evidence project (after the system
 * demo exists), unless it has it already.
 */
@Component
@Order(30)
@ConditionalOnProperty(prefix = "balcony.demo", name = "enabled", havingValue = "true")
class EvidenceDemoLoader implements ApplicationRunner {

	private final TenantAccounts accounts;

	private final EvidenceDemo demo;

	EvidenceDemoLoader(TenantAccounts accounts, EvidenceDemo demo) {
		this.accounts = accounts;
		this.demo = demo;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.accounts.findTenant("northvale").ifPresent(this.demo::ensure);
	}

}
