package app.balcony.evidence.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.EvidenceViews.AgreementReport;
import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.CodeAgreement;
import app.balcony.evidence.EvidenceViews.Disagreement;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.agreement.Agreement;

/**
 * Inter-coder agreement for a project, per code and overall, with the segments the coders
 * disagree on (see {@link Agreement} for the statistics). Reading the codebook and the
 * sources with every coder's codings is the caller's.
 */
public final class AgreementReports {

	/** The most disagreements a report lists. */
	private static final int MAX_DISAGREEMENTS = 200;

	private AgreementReports() {
	}

	/**
	 * Agreement between the coders of the given sources. Units are segments; for each
	 * code, each coder either applied it to a segment (any overlap) or not. Percent
	 * agreement and Cohen's kappa compare the first two coders (alphabetically);
	 * Krippendorff's alpha uses every coder. Overall figures pool every code-segment
	 * pair.
	 */
	public static AgreementReport report(List<Code> codes, List<Source> sources) {
		record Unit(long sourceId, String sourceName, long segmentId, int start, int end, String text) {
		}
		List<Unit> units = new ArrayList<>();
		Map<Long, List<EvidenceViews.Coding>> codingsBySource = new HashMap<>();
		Set<String> coderSet = new TreeSet<>();
		for (Source source : sources) {
			source.segments()
				.forEach(s -> units.add(new Unit(source.id(), source.name(), s.id(), s.start(), s.end(), s.text())));
			codingsBySource.put(source.id(), source.codings());
			source.codings().forEach(c -> coderSet.add(c.coder()));
		}
		List<String> coders = List.copyOf(coderSet);
		List<CodeAgreement> perCode = new ArrayList<>();
		List<Object> pooledA = new ArrayList<>();
		List<Object> pooledB = new ArrayList<>();
		List<List<?>> pooledUnits = new ArrayList<>();
		List<Disagreement> disagreements = new ArrayList<>();
		for (Code code : codes) {
			List<Object> a = new ArrayList<>();
			List<Object> b = new ArrayList<>();
			List<List<?>> alphaUnits = new ArrayList<>();
			boolean used = false;
			for (Unit unit : units) {
				List<Object> values = new ArrayList<>();
				List<String> with = new ArrayList<>();
				List<String> without = new ArrayList<>();
				for (String coder : coders) {
					boolean applied = codingsBySource.get(unit.sourceId())
						.stream()
						.anyMatch(c -> c.codeId() == code.id() && c.coder().equals(coder) && c.start() < unit.end()
								&& c.end() > unit.start());
					values.add(applied);
					(applied ? with : without).add(coder);
					used |= applied;
				}
				if (coders.size() >= 2) {
					a.add(values.get(0));
					b.add(values.get(1));
				}
				alphaUnits.add(values);
				if (!with.isEmpty() && !without.isEmpty() && disagreements.size() < MAX_DISAGREEMENTS) {
					disagreements.add(new Disagreement(unit.sourceId(), unit.sourceName(), unit.segmentId(),
							unit.text(), code.name(), with, without));
				}
			}
			if (!used || coders.size() < 2) {
				continue;
			}
			pooledA.addAll(a);
			pooledB.addAll(b);
			pooledUnits.addAll(alphaUnits);
			perCode.add(new CodeAgreement(code.key(), code.name(), units.size(), Agreement.percent(a, b),
					Agreement.cohensKappa(a, b), Agreement.krippendorffAlpha(alphaUnits)));
		}
		return new AgreementReport(coders, units.size(), perCode,
				pooledA.isEmpty() ? Double.NaN : Agreement.percent(pooledA, pooledB),
				pooledA.isEmpty() ? Double.NaN : Agreement.cohensKappa(pooledA, pooledB),
				pooledUnits.isEmpty() ? Double.NaN : Agreement.krippendorffAlpha(pooledUnits), disagreements);
	}

}
