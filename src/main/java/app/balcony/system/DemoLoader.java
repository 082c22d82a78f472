package app.balcony.system;

import app.balcony.jobs.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * When started as the demo, makes sure the demo ICS exists and prints its sign-ins.
 */
@Component
@ConditionalOnProperty(prefix = "balcony.demo", name = "enabled", havingValue = "true")
class DemoLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

	private final DemoIcs demo;

	private final DemoProperties properties;

	private final ApplicationEventPublisher events;

	DemoLoader(DemoIcs demo, DemoProperties properties, ApplicationEventPublisher events) {
		this.demo = demo;
		this.properties = properties;
		this.events = events;
	}

	@Override
	public void run(ApplicationArguments args) {
		log.info("Preparing the demo ICS '{}' (seed {}, about {} people)...", DemoIcs.SLUG, this.properties.seed(),
				this.properties.people());
		var tenant = this.demo.ensure(this.properties.seed(), this.properties.people(), Progress.NONE);
		// The other modules add their demo data to it (see DemoIcsReady).
		this.events.publishEvent(new DemoIcsReady(tenant));
		StringBuilder text = new StringBuilder("\n\nBalcony demo is ready. Demo sign-ins (invented data only):\n");
		for (DemoIcs.DemoAccount account : DemoIcs.ACCOUNTS) {
			text.append(String.format("  %-12s %-32s password: %s%n", account.role().label(), account.username(),
					account.password()));
		}
		log.info(text.toString());
	}

}
