/**
 * Jobs: long-running work (imports now, analytics later) queued in the database and
 * claimed by whichever app instance is free, exactly once, with progress visible to the
 * UI, API and CLI.
 */
package app.balcony.jobs;
