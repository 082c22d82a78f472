/**
 * Frameworks as data: the built-in, versioned research frameworks (six dimensions, four
 * paradoxes, three disconnects, programme themes, conditions, readiness, self-assessment,
 * integrated-care skills, options for distributed leadership) written in Balcony's own
 * words, and each tenant's own frameworks and edited copies. Assessments use them as
 * instruments and evidence coding as codebooks.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package app.balcony.framework;
