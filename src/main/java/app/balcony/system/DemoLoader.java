package app.balcony.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When started as the demo, makes sure the demo ICS exists and prints its sign-ins.
 */
@Component
@Order(10)
@ConditionalOnProperty(prefix = "balcony.demo", name = "enabled", havingValue = "true")
class DemoLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

	private final DemoIcs demo;

	private final DemoProperties properties;

	DemoLoader(DemoIcs demo, DemoProperties properties) {
		this.demo = demo;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		log.info("Preparing the demo ICS '{}' (seed {}, about {} people)...", DemoIcs.SLUG, this.properties.seed(),
				this.properties.people());
		this.demo.ensure(this.properties.seed(), this.properties.people(), SystemImport.ProgressListener.NONE);
		StringBuilder text = new StringBuilder("\n\nBalcony demo is ready. Demo sign-ins (invented data only):\n");
		for (DemoIcs.DemoAccount account : DemoIcs.ACCOUNTS) {
			text.append(String.format("  %-12s %-32s password: %s%n", account.role().label(), account.username(),
					account.password()));
		}
		log.info(text.toString());
	}

}
