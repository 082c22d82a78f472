/**
 * Network: who works with whom across boundaries. Ties between people (and
 * organisations), the metrics that find brokers, silos and missing links, and the command
 * line that computes them.
 */
package app.balcony.network;
