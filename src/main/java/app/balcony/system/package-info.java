/**
 * System: the effective-dated model of an integrated care system (levels, places,
 * organisations and sectors, people, governance bodies and memberships), its import from
 * CSV/XLSX, the demo ICS, and the pages and API that show the system "as of" any date.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "jobs", "shared" })
package app.balcony.system;
