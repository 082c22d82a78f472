/**
 * Inside the evidence module: the analyses of a project's coded sources — suggested codes
 * and their rejections, the tension finder, inter-coder agreement, the code by attribute
 * matrix and co-occurrence, retrieval and the export tables — and all of their SQL. Not
 * visible to other modules; {@link app.balcony.evidence.EvidenceAnalysis} is the API and
 * checks who may do what.
 */
package app.balcony.evidence.analysis;
