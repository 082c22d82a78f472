package app.balcony.evidence.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Retrieval;
import app.balcony.evidence.EvidenceViews.RetrievedSegment;
import app.balcony.evidence.EvidenceViews.Source;

/**
 * Retrieval: every passage coded with a code (and, optionally, its child codes), with the
 * sentences around it, for reading a code's evidence in one place. Reading the codebook
 * and the sources is the caller's.
 */
public final class CodeRetrieval {

	/** How far before a passage (in characters) its context starts, at most. */
	private static final int CONTEXT_BEFORE = 300;

	private CodeRetrieval() {
	}

	/**
	 * The passages of the given sources coded with {@code code} (and with its
	 * descendants, when {@code withChildren}), in source order.
	 * @param codes the project's codebook, for finding the code's descendants
	 * @param sources the project's sources with every coder's codings
	 */
	public static Retrieval retrieve(Code code, List<Code> codes, List<Source> sources, boolean withChildren) {
		Set<Long> wanted = new HashSet<>(List.of(code.id()));
		if (withChildren) {
			boolean grew = true;
			while (grew) {
				grew = false;
				for (Code c : codes) {
					if (c.parentId() != null && wanted.contains(c.parentId()) && wanted.add(c.id())) {
						grew = true;
					}
				}
			}
		}
		List<RetrievedSegment> found = new ArrayList<>();
		for (Source source : sources) {
			for (EvidenceViews.Coding c : source.codings()) {
				if (!wanted.contains(c.codeId())) {
					continue;
				}
				// Context: the sentences within about 300 characters before the passage,
				// and the rest of its sentence plus the next one after it.
				int from = c.start();
				int to = c.end();
				for (EvidenceViews.Segment segment : source.segments()) {
					if (segment.start() <= c.start() && segment.end() > c.start()) {
						from = Math.min(from, segment.start());
					}
					if (segment.end() <= c.start() && segment.end() > c.start() - CONTEXT_BEFORE) {
						from = Math.min(from, segment.start());
					}
				}
				boolean nextTaken = false;
				for (EvidenceViews.Segment segment : source.segments()) {
					if (segment.start() < c.end() && segment.end() > c.end()) {
						to = Math.max(to, segment.end());
					}
					else if (segment.start() >= c.end() && !nextTaken) {
						to = Math.max(to, segment.end());
						nextTaken = true;
					}
				}
				String before = source.content().substring(from, c.start());
				String after = source.content().substring(c.end(), to);
				found.add(new RetrievedSegment(source.id(), source.name(), c.coder(), before.strip(), c.text(),
						after.strip(), c.origin()));
			}
		}
		return new Retrieval(code.name(), code.definition(), found);
	}

}
