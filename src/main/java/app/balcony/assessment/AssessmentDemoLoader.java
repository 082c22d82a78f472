package app.balcony.assessment;

import app.balcony.identity.TenantAccounts;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When started as the demo, gives Northvale its demo surveys (after the system demo
 * exists).
 */
@Component
@Order(40)
@ConditionalOnProperty(prefix = "balcony.demo", name = "enabled", havingValue = "true")
class AssessmentDemoLoader implements ApplicationRunner {

	private final TenantAccounts accounts;

	private final AssessmentDemo demo;

	AssessmentDemoLoader(TenantAccounts accounts, AssessmentDemo demo) {
		this.accounts = accounts;
		this.demo = demo;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.accounts.findTenant("northvale").ifPresent(this.demo::ensure);
	}

}
