package app.balcony.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code java -jar balcony.jar <command>}. Without a command, {@code serve}.
 */
@Command(name = "balcony", mixinStandardHelpOptions = true, versionProvider = BalconyCommand.Version.class,
		description = "Balcony: systems leadership in integrated health and social care.",
		subcommands = { BalconyCommand.Serve.class, BalconyCommand.Demo.class, ImportCommand.class, AdminCommand.class,
				NetworkCommand.class, CodeCommand.class },
		footer = { "", "Spring properties such as --server.port=8081 pass through to serve and demo.",
				"The database is ./data/balcony (H2) unless BALCONY_DB_URL points elsewhere." })
public class BalconyCommand implements Runnable {

	/**
	 * The Spring Boot application the commands start; set by the main class, so this
	 * module does not depend on it.
	 */
	private static Class<?> applicationClass;

	public BalconyCommand(Class<?> applicationClass) {
		BalconyCommand.applicationClass = applicationClass;
	}

	BalconyCommand() {
		this(applicationClass);
	}

	@Unmatched
	List<String> springArgs = new java.util.ArrayList<>();

	@Override
	public void run() {
		Serve.runServer(this.springArgs.toArray(String[]::new), false);
	}

	static class Version implements picocli.CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = BalconyCommand.class.getPackage().getImplementationVersion();
			return new String[] { "Balcony " + (version == null ? "(development build)" : version) };
		}

	}

	@Command(name = "serve", mixinStandardHelpOptions = true,
			description = "Start the web application and API (http://localhost:8080 by default).")
	static class Serve implements Runnable {

		@Unmatched
		List<String> springArgs = new java.util.ArrayList<>();

		@Override
		public void run() {
			runServer(this.springArgs.toArray(String[]::new), false);
		}

		/** Starts the server and blocks until it is shut down. */
		static void runServer(String[] args, boolean demo) {
			SpringApplication application = new SpringApplication(applicationClass);
			String[] effective = args;
			if (demo) {
				effective = java.util.stream.Stream
					.concat(java.util.stream.Stream.of("--balcony.demo.enabled=true"), java.util.Arrays.stream(args))
					.toArray(String[]::new);
			}
			ConfigurableApplicationContext context = application.run(effective);
			CountDownLatch closed = new CountDownLatch(1);
			context.addApplicationListener(event -> {
				if (event instanceof ContextClosedEvent) {
					closed.countDown();
				}
			});
			try {
				closed.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	@Command(name = "demo", mixinStandardHelpOptions = true,
			description = { "Start Balcony with the demo ICS 'Northvale' loaded.",
					"Creates it on first run in ./data/ and prints one demo sign-in per role." })
	static class Demo implements Runnable {

		@Option(names = "--seed", description = "Generator seed (default ${DEFAULT-VALUE})", defaultValue = "42")
		long seed;

		@Option(names = "--people", description = "About how many people (default ${DEFAULT-VALUE})",
				defaultValue = "3000")
		int people;

		@Unmatched
		List<String> springArgs = new java.util.ArrayList<>();

		@Override
		public void run() {
			List<String> args = new java.util.ArrayList<>(this.springArgs);
			args.add("--balcony.demo.seed=" + this.seed);
			args.add("--balcony.demo.people=" + this.people);
			Serve.runServer(args.toArray(String[]::new), true);
		}

	}

	/**
	 * Starts Balcony without a web server or job worker, for a command that works on the
	 * data.
	 */
	static ConfigurableApplicationContext startHeadless(List<String> springArgs) {
		return new SpringApplicationBuilder(applicationClass).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("balcony.jobs.worker-enabled=false", "logging.level.root=WARN",
					"logging.level.app.balcony=WARN", "spring.session.jdbc.cleanup-cron=-")
			.run(springArgs.toArray(String[]::new));
	}

}
