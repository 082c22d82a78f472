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

	private final FeedbackDemo feedback;

	AssessmentDemoLoader(TenantAccounts accounts, AssessmentDemo demo, FeedbackDemo feedback) {
		this.accounts = accounts;
		this.demo = demo;
		this.feedback = feedback;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.accounts.findTenant("northvale").ifPresent(tenant -> {
			this.demo.ensure(tenant);
			this.feedback.ensure(tenant);
		});
	}

}
