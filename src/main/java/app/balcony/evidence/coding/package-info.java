/**
 * Inside the evidence module: projects and their codebooks, codings and memos (all of
 * their SQL). Not visible to other modules; {@link app.balcony.evidence.EvidenceService}
 * is the API and checks who may do what.
 */
package app.balcony.evidence.coding;
