/**
 * Jobs: long-running work (system and evidence imports, network analysis, campaign mail)
 * queued in the database and claimed by whichever app instance is free, exactly once,
 * with progress visible to the UI, API and CLI. Depends on no other module: the modules
 * register their job types with it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package app.balcony.jobs;
