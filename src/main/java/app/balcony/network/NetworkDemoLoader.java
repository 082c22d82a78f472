package app.balcony.network;

import java.time.LocalDate;

import app.balcony.identity.TenantAccounts;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When started as the demo, gives the demo ICS a baseline and a follow-up wave of working
 * ties (after the system demo exists), unless it has waves already, and an open network
 * survey for one place that about half of its people have answered.
 */
@Component
@Order(20)
@ConditionalOnProperty(prefix = "balcony.demo", name = "enabled", havingValue = "true")
class NetworkDemoLoader implements ApplicationRunner {

	static final String DEMO_TENANT = "northvale";

	private final TenantAccounts accounts;

	private final NetworkService network;

	private final NetworkSurveyDemo survey;

	NetworkDemoLoader(TenantAccounts accounts, NetworkService network, NetworkSurveyDemo survey) {
		this.accounts = accounts;
		this.network = network;
		this.survey = survey;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.accounts.findTenant(DEMO_TENANT).ifPresent(tenant -> {
			if (this.network.waves(tenant.id()).isEmpty()) {
				this.network.loadDemo(tenant.id(), "Baseline 2025", LocalDate.of(2025, 3, 1), 1, false);
				this.network.loadDemo(tenant.id(), "Follow-up 2026", LocalDate.of(2026, 3, 1), 1, true);
			}
			this.network.waves(tenant.id())
				.stream()
				.filter(w -> w.campaignId() == null)
				.reduce((a, b) -> b)
				.ifPresent(latest -> this.survey.ensure(tenant.id(), "analyst@northvale.example", latest.id()));
		});
	}

}
