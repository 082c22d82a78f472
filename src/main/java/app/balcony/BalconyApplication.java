package app.balcony;

import app.balcony.cli.BalconyCommand;
import picocli.CommandLine;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Balcony: systems leadership in integrated health and social care. One jar serves the
 * web UI, the JSON API and the command line; {@code main} hands the arguments to the CLI,
 * whose {@code serve} and {@code demo} commands start this Spring application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BalconyApplication {

	public static void main(String[] args) {
		System.exit(new CommandLine(new BalconyCommand(BalconyApplication.class)).execute(args));
	}

}
