/**
 * The command line: {@code serve}, {@code demo}, {@code import} and {@code admin}, for
 * people who run Balcony and for batch work. Commands that change data start Balcony
 * without its web server.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "evidence :: autocode", "framework", "identity",
		"network", "network :: analysis", "system", "shared", "jobs" })
package app.balcony.cli;
