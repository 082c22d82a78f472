package app.balcony.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import app.balcony.evidence.EvidenceViews.AgreementReport;
import app.balcony.evidence.EvidenceViews.CoOccurrence;
import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Matrix;
import app.balcony.evidence.EvidenceViews.Project;
import app.balcony.evidence.EvidenceViews.Retrieval;
import app.balcony.evidence.EvidenceViews.SegmentSuggestions;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.SourceSummary;
import app.balcony.evidence.EvidenceViews.TensionPassage;
import app.balcony.evidence.analysis.AgreementReports;
import app.balcony.evidence.analysis.AnalysisStore;
import app.balcony.evidence.analysis.AnalysisStore.SegmentSpan;
import app.balcony.evidence.analysis.CodeMatrices;
import app.balcony.evidence.analysis.CodeRetrieval;
import app.balcony.evidence.analysis.ProjectTables;
import app.balcony.evidence.analysis.Suggestions;
import app.balcony.evidence.analysis.TensionSearch;
import app.balcony.framework.Framework;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.shared.TableExport;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suggestions, the tension finder, inter-coder agreement and the code-by-attribute matrix
 * for an evidence project. It reads the project through {@link EvidenceService} (which
 * checks who may see it, and audits) and leaves the work and the SQL to
 * {@code evidence.analysis}.
 */
@Service
public class EvidenceAnalysis {

	private final EvidenceService evidence;

	private final AnalysisStore store;

	private final Suggestions suggestions;

	EvidenceAnalysis(EvidenceService evidence, AnalysisStore store, Suggestions suggestions) {
		this.evidence = evidence;
		this.store = store;
		this.suggestions = suggestions;
	}

	/**
	 * Suggested codes for every segment of a source, best first, from the project's
	 * top-level codes: their definitions (and the framework's examples and cues), and
	 * every passage already coded in the project, which the coder learns from, and every
	 * suggestion rejected in the project, which lowers that code for similar passages.
	 * Codes the viewer already applied to a segment are left out; ones they rejected are
	 * marked.
	 */
	@Transactional(readOnly = true)
	public List<SegmentSuggestions> suggestions(BalconyUser user, long sourceId, int perSegment) {
		Source source = this.evidence.source(user, sourceId, false);
		Project project = this.evidence.project(user, source.projectId());
		List<Code> codes = this.evidence.codes(user, project.id());
		if (codes.stream().noneMatch(c -> c.parentId() == null)) {
			throw new BadRequestException("The project has no codes to suggest");
		}
		Framework framework = this.evidence.projectFramework(user.tenantId(), project);
		return this.suggestions.suggest(user.tenantId(), user.getUsername(), source, project, codes, framework,
				perSegment);
	}

	/**
	 * Accepts a suggestion: codes the whole segment, recorded as coming from a
	 * suggestion.
	 */
	@Transactional
	public long accept(BalconyUser user, long segmentId, long codeId, Double score) {
		SegmentSpan segment = segment(user, segmentId);
		return this.evidence
			.code(user, segment.sourceId(), List.of(codeId), segment.start(), segment.end(), "SUGGESTION", score)
			.get(0);
	}

	/** Rejects a suggestion, so it is shown as rejected and not offered as new. */
	@Transactional
	public void reject(BalconyUser user, long segmentId, long codeId) {
		SegmentSpan segment = segment(user, segmentId);
		this.suggestions.reject(user.tenantId(), user.getUsername(), segment, codeId);
	}

	private SegmentSpan segment(BalconyUser user, long segmentId) {
		EvidenceService.requireAnalyst(user);
		return this.suggestions.segment(user.tenantId(), segmentId);
	}

	/**
	 * Passages (speaker turns) where someone holds two poles at once, strongest first,
	 * with the cues that fired and the paradox they most resemble.
	 */
	@Transactional(readOnly = true)
	public List<TensionPassage> tensions(BalconyUser user, long projectId, double minimum) {
		this.evidence.project(user, projectId);
		List<TensionPassage> passages = new ArrayList<>(TensionSearch.turns(sources(user, projectId, false), minimum));
		passages.addAll(TensionSearch.opposedPairs(sources(user, projectId, false), minimum));
		passages.sort(Comparator.comparingDouble(TensionPassage::score).reversed());
		return passages;
	}

	/**
	 * Agreement between the project's coders. Units are segments; for each code, each
	 * coder either applied it to a segment (any overlap) or not. Percent agreement and
	 * Cohen's kappa compare the first two coders (alphabetically); Krippendorff's alpha
	 * uses every coder. Overall figures pool every code-segment pair.
	 */
	@Transactional(readOnly = true)
	public AgreementReport agreement(BalconyUser user, long projectId) {
		this.evidence.project(user, projectId);
		List<Code> codes = this.evidence.codes(user, projectId);
		return AgreementReports.report(codes, sources(user, projectId, true));
	}

	/**
	 * How many coded passages each code has per value of a case attribute (for example
	 * paradox by level): the speaker's attribute when recorded, else the source's.
	 * Passages with neither count under "(not recorded)".
	 */
	@Transactional(readOnly = true)
	public Matrix matrix(BalconyUser user, long projectId, String attribute) {
		if (!EvidenceService.ATTRIBUTES.contains(attribute)) {
			throw new BadRequestException("attribute: use one of " + String.join(", ", EvidenceService.ATTRIBUTES)
					+ " (got '" + attribute + "')");
		}
		List<Code> codes = this.evidence.codes(user, projectId);
		List<SourceSummary> sources = this.evidence.sources(user, projectId);
		Map<String, Map<String, String>> speakers = this.evidence.speakerAttributes(user, projectId);
		return CodeMatrices.matrix(attribute, codes, sources, speakers,
				this.store.codingPlaces(user.tenantId(), projectId));
	}

	/**
	 * Code co-occurrence: for each pair of codes, the number of segments that both codes
	 * touch (any coder). The diagonal holds the number of segments each code touches.
	 */
	@Transactional(readOnly = true)
	public CoOccurrence coOccurrence(BalconyUser user, long projectId) {
		List<Code> codes = this.evidence.codes(user, projectId);
		return CodeMatrices.coOccurrence(codes, sources(user, projectId, true));
	}

	/**
	 * Every passage coded with a code (and, optionally, its child codes), with the
	 * sentences around it, for reading a code's evidence in one place.
	 */
	@Transactional(readOnly = true)
	public Retrieval retrieve(BalconyUser user, long projectId, long codeId, boolean withChildren) {
		List<Code> codes = this.evidence.codes(user, projectId);
		Code code = codes.stream()
			.filter(c -> c.id() == codeId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No such code in this project"));
		List<Source> coded = new ArrayList<>();
		for (SourceSummary summary : this.evidence.sources(user, projectId)) {
			if (summary.codings() > 0) {
				coded.add(this.evidence.source(user, summary.id(), true));
			}
		}
		return CodeRetrieval.retrieve(code, codes, coded, withChildren);
	}

	/**
	 * The project's coded data as tables for CSV or XLSX: every coding with its source's
	 * attributes and speaker, code frequencies, co-occurrence, and the code by attribute
	 * matrices for attributes that were recorded.
	 */
	@Transactional
	public List<TableExport.Table> tables(BalconyUser user, long projectId) {
		Project project = this.evidence.project(user, projectId);
		List<Code> codes = this.evidence.codes(user, projectId);
		Map<String, Map<String, String>> speakers = this.evidence.speakerAttributes(user, projectId);
		List<SourceSummary> summaries = this.evidence.sources(user, projectId);
		List<Source> sources = new ArrayList<>();
		summaries.forEach(s -> sources.add(this.evidence.source(user, s.id(), true)));
		TableExport.Table codings = ProjectTables.codings(EvidenceService.ATTRIBUTES, codes, speakers, sources);
		List<TableExport.Table> tables = new ArrayList<>();
		tables.add(codings);
		tables.add(ProjectTables.codes(codes));
		CoOccurrence co = coOccurrence(user, projectId);
		tables.add(ProjectTables.grid("Co-occurrence", co.codes(), co.codes(), co.counts()));
		for (String attribute : ProjectTables.recorded(speakers, summaries)) {
			Matrix m = matrix(user, projectId, attribute);
			tables.add(ProjectTables.grid("By " + attribute.replace('_', ' '), m.rows(), m.columns(), m.counts()));
		}
		this.evidence.auditExport(user, project.id(), codings.rows().size());
		return tables;
	}

	/**
	 * Each of the project's sources with its segments and codings (the viewer's own, or
	 * every coder's when {@code allCoders}), in name order.
	 */
	private List<Source> sources(BalconyUser user, long projectId, boolean allCoders) {
		List<Source> out = new ArrayList<>();
		for (SourceSummary summary : this.evidence.sources(user, projectId)) {
			out.add(this.evidence.source(user, summary.id(), allCoders));
		}
		return out;
	}

}
