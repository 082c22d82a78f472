/**
 * Inside the evidence module: sources from file to redacted, segmented text — reading
 * files ({@link app.balcony.evidence.sources.SourceReader}), redaction
 * ({@link app.balcony.evidence.sources.Redactor}) with project-stable pseudonyms,
 * segmentation, the import, and all SQL about sources, speakers and case attributes. Not
 * visible to other modules; {@link app.balcony.evidence.EvidenceService} is the API.
 */
package app.balcony.evidence.sources;
