/**
 * Evidence: interview transcripts and workshop material in projects, redacted before
 * analysis, segmented into speaker turns and sentences with exact offsets, coded by hand
 * and with offline suggestions against any framework or the analyst's own codebook, with
 * inter-coder agreement, analysis views and REFI-QDA exchange.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "framework", "identity", "jobs", "shared", "system", "system :: directory" })
package app.balcony.evidence;
