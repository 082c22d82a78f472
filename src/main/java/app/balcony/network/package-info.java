/**
 * Network: who works with whom across boundaries. Ties between people (and
 * organisations), the metrics that find brokers, silos and missing links, and the command
 * line that computes them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "assessment", "identity", "jobs", "privacy",
		"shared", "system", "system :: directory" })
package app.balcony.network;
