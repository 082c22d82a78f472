/**
 * Assessment: instruments built on the frameworks (an item bank written for Balcony),
 * campaigns over an audience from the system model in waves, token surveys that need no
 * account, and results that reach analysts only through the anonymity engine.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "framework", "identity", "jobs", "privacy", "shared", "system", "system :: directory" })
package app.balcony.assessment;
