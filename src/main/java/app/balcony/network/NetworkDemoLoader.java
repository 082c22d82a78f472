package app.balcony.network;

import java.time.LocalDate;

import app.balcony.identity.Tenant;
import app.balcony.system.DemoIcsReady;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When the demo ICS is ready, gives it a baseline and a follow-up wave of working ties,
 * unless it has waves already, and an open network survey for one place that about half
 * of its people have answered. First of the modules' demo data (its network survey is the
 * demo's first campaign).
 */
@Component
class NetworkDemoLoader {

	private final NetworkService network;

	private final NetworkSurveyDemo survey;

	NetworkDemoLoader(NetworkService network, NetworkSurveyDemo survey) {
		this.network = network;
		this.survey = survey;
	}

	@EventListener
	@Order(1)
	void demoIcsReady(DemoIcsReady ready) {
		Tenant tenant = ready.tenant();
		if (this.network.waves(tenant.id()).isEmpty()) {
			this.network.loadDemo(tenant.id(), "Baseline 2025", LocalDate.of(2025, 3, 1), 1, false);
			this.network.loadDemo(tenant.id(), "Follow-up 2026", LocalDate.of(2026, 3, 1), 1, true);
		}
		this.network.waves(tenant.id())
			.stream()
			.filter(w -> w.campaignId() == null)
			.reduce((a, b) -> b)
			.ifPresent(latest -> this.survey.ensure(tenant.id(), "analyst@northvale.example", latest.id()));
	}

}
