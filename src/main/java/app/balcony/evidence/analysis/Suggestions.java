package app.balcony.evidence.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.CodeSuggestion;
import app.balcony.evidence.EvidenceViews.Project;
import app.balcony.evidence.EvidenceViews.SegmentSuggestions;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.analysis.AnalysisStore.CodedPassage;
import app.balcony.evidence.analysis.AnalysisStore.SegmentSpan;
import app.balcony.evidence.autocode.AutoCoder;
import app.balcony.evidence.autocode.CodeScore;
import app.balcony.evidence.autocode.Codebook;
import app.balcony.evidence.autocode.LabelledExample;
import app.balcony.evidence.autocode.Suggestion;
import app.balcony.evidence.autocode.TextEmbedder;
import app.balcony.framework.Framework;
import app.balcony.framework.FrameworkElement;
import app.balcony.shared.NotFoundException;

import org.springframework.stereotype.Component;

/**
 * Suggested codes for a source's segments, and a coder's rejections of them. Suggestions
 * come from an {@link AutoCoder} over the project's top-level codes (their definitions,
 * and the framework's examples and cues) that learns from every passage already coded in
 * the project and from every suggestion rejected in it. Who may ask, and reading the
 * source and codebook, are the caller's.
 */
@Component
public class Suggestions {

	private final AnalysisStore store;

	Suggestions(AnalysisStore store) {
		this.store = store;
	}

	/**
	 * Suggested codes for every segment of a source, best first, at most
	 * {@code perSegment} each: codes the viewer already applied to a segment are left
	 * out, ones they rejected are marked.
	 * @param username the viewer
	 * @param codes the project's codebook in tree order, with a top-level code at least
	 * @param framework the project's framework, or null
	 */
	public List<SegmentSuggestions> suggest(long tenantId, String username, Source source, Project project,
			List<Code> codes, Framework framework, int perSegment) {
		List<Code> top = codes.stream().filter(c -> c.parentId() == null).toList();
		Map<Long, Long> rootOf = new HashMap<>();
		codes.forEach(c -> rootOf.put(c.id(), c.parentId() == null ? c.id() : rootOf.get(c.parentId())));
		List<Codebook.Code> bookCodes = new ArrayList<>();
		for (Code code : top) {
			FrameworkElement element = framework == null ? null : framework.element(code.key()).orElse(null);
			Codebook.Code known = element == null ? null : Codebook.code(element);
			List<String> examples = new ArrayList<>(known == null ? List.of() : known.examples());
			List<String> poles = known == null ? List.of() : known.poles();
			List<String> cues = known == null ? List.of() : known.cues();
			codes.stream()
				.filter(c -> c.parentId() != null && rootOf.get(c.id()) == code.id())
				.forEach(c -> examples.add(c.name() + ": " + c.definition()));
			bookCodes.add(new Codebook.Code(String.valueOf(code.id()), code.name(), code.definition(), examples, poles,
					cues));
		}
		Codebook codebook = new Codebook("project-" + project.id(), bookCodes);
		List<LabelledExample> learned = examples(rootOf, this.store.codedPassages(tenantId, project.id()));
		List<LabelledExample> rejections = examples(rootOf, this.store.rejectedPassages(tenantId, project.id()));
		AutoCoder coder = new AutoCoder(codebook, learned, rejections, TextEmbedder.shared(),
				AutoCoder.Settings.DEFAULT);
		Map<Long, Code> byId = new HashMap<>();
		codes.forEach(c -> byId.put(c.id(), c));
		Set<String> rejected = this.store.rejections(tenantId, source.id(), username);
		List<Suggestion> all = coder.suggestAll(source.segments().stream().map(EvidenceViews.Segment::text).toList());
		List<SegmentSuggestions> out = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			EvidenceViews.Segment segment = source.segments().get(i);
			Set<Long> applied = new HashSet<>();
			source.codings()
				.stream()
				.filter(c -> c.start() < segment.end() && c.end() > segment.start())
				.forEach(c -> applied.add(rootOf.get(c.codeId())));
			List<CodeSuggestion> ranked = new ArrayList<>();
			for (CodeScore score : all.get(i).codes()) {
				long codeId = Long.parseLong(score.code());
				if (applied.contains(codeId) || ranked.size() >= perSegment) {
					continue;
				}
				Code code = byId.get(codeId);
				ranked.add(new CodeSuggestion(codeId, code.key(), code.name(), score.score(), score.matchedCues(),
						score.nearest(), rejected.contains(segment.id() + ":" + codeId), score.loweredBy()));
			}
			var tension = all.get(i).tension();
			out.add(new SegmentSuggestions(segment.id(), segment.text(), ranked, tension.score(), tension.cues(),
					tension.paradox()));
		}
		return out;
	}

	/**
	 * Passages with the top-level code they were coded with (or rejected for); blank
	 * passages and codes no longer in the codebook are left out.
	 */
	private static List<LabelledExample> examples(Map<Long, Long> rootOf, List<CodedPassage> passages) {
		List<LabelledExample> out = new ArrayList<>();
		for (CodedPassage passage : passages) {
			Long root = rootOf.get(passage.codeId());
			if (root != null && !passage.text().isBlank()) {
				out.add(new LabelledExample(passage.text(), String.valueOf(root)));
			}
		}
		return out;
	}

	/**
	 * A segment of the tenant.
	 * @throws NotFoundException if the tenant has no such segment
	 */
	public SegmentSpan segment(long tenantId, long segmentId) {
		return this.store.segment(tenantId, segmentId).orElseThrow(() -> new NotFoundException("No such segment"));
	}

	/**
	 * Rejects a suggestion for a segment, so it is shown as rejected and not offered as
	 * new; rejecting it again changes nothing.
	 * @throws NotFoundException if the code is not one of the segment's project
	 */
	public void reject(long tenantId, String coder, SegmentSpan segment, long codeId) {
		if (!this.store.codeOfSourceProject(tenantId, segment.sourceId(), codeId)) {
			throw new NotFoundException("No code " + codeId + " in this segment's project");
		}
		this.store.reject(tenantId, segment.id(), codeId, coder);
	}

}
