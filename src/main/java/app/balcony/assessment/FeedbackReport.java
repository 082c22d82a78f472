package app.balcony.assessment;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.balcony.assessment.ThreeSixty.Feedback;
import app.balcony.assessment.ThreeSixty.GroupColumn;
import app.balcony.assessment.ThreeSixty.Importance;
import app.balcony.assessment.ThreeSixty.ItemScore;
import app.balcony.assessment.ThreeSixty.Reach;
import app.balcony.assessment.ThreeSixty.Relationship;
import app.balcony.assessment.ThreeSixty.Report;
import app.balcony.assessment.ThreeSixty.Score;
import app.balcony.assessment.ThreeSixty.ScoreRow;
import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.privacy.AnonymityEngine;
import app.balcony.privacy.DisclosureControl;
import app.balcony.privacy.Microdata;
import app.balcony.privacy.Thresholds;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;

/**
 * The 360 report: rater groups through the anonymity engine (the line manager's group
 * shown as it is only when raters were told it is identifiable), the leader's own ratings
 * beside them, blind spots and hidden strengths, highest and lowest statements, comments
 * once enough raters answered, how important raters find each dimension, and how the
 * raters were reached.
 */
class FeedbackReport {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final FeedbackStore store;

	private final AnonymityEngine engine;

	private final AuditLog audit;

	FeedbackReport(FeedbackStore store, AnonymityEngine engine, AuditLog audit) {
		this.store = store;
		this.engine = engine;
		this.audit = audit;
	}

	/**
	 * The report, for the leader and their facilitator only. Blind spot: self at least
	 * {@link ThreeSixty#GAP} points above all other raters on an element; hidden
	 * strength: at least {@link ThreeSixty#GAP} below.
	 */
	Report report(BalconyUser viewer, long id) {
		Feedback f = this.store.load(viewer.tenantId(), id);
		if (!viewer.getUsername().equals(f.subjectUsername())
				&& !viewer.getUsername().equals(f.facilitatorUsername())) {
			throw new NotFoundException("No 360 report " + id + " for you");
		}
		if (!f.reportOpen()) {
			throw new BadRequestException("The report opens when this 360 closes (on " + f.closesOn()
					+ ", or when it is closed by hand), with its raters frozen: a report read while raters are "
					+ "still answering would let anyone who reads it twice work out the newest answers.");
		}
		this.audit.record(viewer.tenantId(), viewer.getUsername(), "FEEDBACK_REPORT_VIEWED", "feedback " + id,
				"360 for " + f.subjectUsername());
		Thresholds t = f.thresholds();
		Instrument instrument = ThreeSixty.instrument();
		List<Instrument.Item> items = instrument.items();
		Map<String, Integer> itemIndex = new LinkedHashMap<>();
		List<Microdata.Measure> measures = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			itemIndex.put(items.get(i).key(), i);
			measures.add(new Microdata.Measure(items.get(i).key(), 1, instrument.scalePoints()));
		}
		// How important raters find each dimension: measures like any other, through the
		// engine with the same rater groups (never averaged outside it).
		Map<String, Integer> importanceIndex = new LinkedHashMap<>();
		for (Instrument.Section section : instrument.sections()) {
			importanceIndex.computeIfAbsent(section.groupKey(), k -> {
				measures.add(new Microdata.Measure("importance." + k, 1, 5));
				return measures.size() - 1;
			});
		}
		// Atoms are relationships; the leader's own rating is theirs to see and is kept
		// apart.
		Relationship[] groups = Relationship.values();
		Microdata data = new Microdata(groups.length, measures);
		double[] self = new double[items.size()];
		java.util.Arrays.fill(self, Double.NaN);
		Map<String, Relationship> responses = this.store.responses(id);
		responses.values().forEach(r -> data.addRespondent(r.ordinal()));
		List<String> comments = new ArrayList<>();
		this.store.answers(id, a -> {
			Relationship rel = responses.get(a.responseId());
			String key = a.itemKey();
			Integer item = itemIndex.get(key);
			if (item != null && a.score() != null) {
				if (rel == Relationship.SELF) {
					self[item] = a.score();
				}
				else {
					data.add(rel.ordinal(), item, a.score());
				}
			}
			else if (key.startsWith("open.") && rel != Relationship.SELF && a.text() != null) {
				comments.add(a.text());
			}
			else if (key.startsWith("importance.") && a.score() != null && rel != Relationship.SELF) {
				Integer measure = importanceIndex.get(key.substring("importance.".length()));
				if (measure != null) {
					data.add(rel.ordinal(), measure, a.score());
				}
			}
		});
		// Rater groups through the engine, with the rater-group minimum as the cell
		// minimum.
		boolean managerApart = f.managerIdentifiable();
		List<DisclosureControl.Request> requests = new ArrayList<>();
		java.util.BitSet others = new java.util.BitSet();
		for (Relationship r : groups) {
			if (r != Relationship.SELF && !(managerApart && r == Relationship.MANAGER)) {
				others.set(r.ordinal());
			}
		}
		requests.add(new DisclosureControl.Request("others",
				managerApart ? "All other raters (not the line manager)" : "All raters", null, others));
		for (Relationship r : groups) {
			if (r == Relationship.SELF || (managerApart && r == Relationship.MANAGER)
					|| data.respondents(r.ordinal()) == 0) {
				continue;
			}
			java.util.BitSet one = new java.util.BitSet();
			one.set(r.ordinal());
			requests.add(new DisclosureControl.Request(r.name(), r.label(), "relationship", one));
		}
		Thresholds asCells = new Thresholds(t.minRaterGroup(), t.minComments(), t.minRaterGroup());
		DisclosureControl.Outcome outcome = this.engine.report(viewer.tenantId(), viewer.getUsername(),
				"feedback:" + id, "responses:" + responses.size(), data, requests, asCells, null);
		List<DisclosureControl.Cell> cells = new ArrayList<>(outcome.cells());
		if (managerApart && data.respondents(Relationship.MANAGER.ordinal()) > 0) {
			// Raters were told the manager's group is identifiable: shown as it is.
			List<DisclosureControl.Figure> figures = new ArrayList<>();
			java.util.BitSet m = new java.util.BitSet();
			m.set(Relationship.MANAGER.ordinal());
			Microdata.Summary[] s = data.summaries(m);
			for (Microdata.Summary x : s) {
				figures.add(x.count() == 0 ? new DisclosureControl.Figure(Double.NaN, 0, "not able to observe")
						: new DisclosureControl.Figure(x.mean(), x.count(), null));
			}
			cells.add(1, new DisclosureControl.Cell("MANAGER", Relationship.MANAGER.label() + " (identifiable)",
					"relationship", DisclosureControl.Status.SHOWN, null, data.respondents(m), figures));
		}
		List<GroupColumn> columns = cells.stream()
			.map(c -> new GroupColumn(c.key(), c.label(), c.respondents(), c.reason()))
			.toList();
		List<ScoreRow> rows = new ArrayList<>();
		for (Results.Detail detail : List.of(Results.Detail.DIMENSION, Results.Detail.ELEMENT)) {
			for (Results.Column col : Results.columns(instrument, detail)) {
				List<Score> scores = new ArrayList<>();
				for (DisclosureControl.Cell c : cells) {
					scores.add(score(c, col));
				}
				Double selfMean = mean(self, col.items());
				String flag = null;
				Score all = scores.get(0);
				if (selfMean != null && all.mean() != null) {
					if (selfMean - all.mean() >= ThreeSixty.GAP) {
						flag = "Blind spot";
					}
					else if (all.mean() - selfMean >= ThreeSixty.GAP) {
						flag = "Hidden strength";
					}
				}
				rows.add(new ScoreRow(col.key(), col.label(), col.group(), detail == Results.Detail.DIMENSION, selfMean,
						scores, flag));
			}
		}
		List<ItemScore> ranked = new ArrayList<>();
		DisclosureControl.Cell all = cells.get(0);
		if (all.shown()) {
			for (int i = 0; i < items.size(); i++) {
				DisclosureControl.Figure fig = all.figures().get(i);
				if (fig.shown()) {
					ranked.add(new ItemScore(items.get(i).text(), items.get(i).elementKey(),
							Math.round(fig.mean() * 100) / 100.0, Double.isNaN(self[i]) ? null : self[i]));
				}
			}
		}
		ranked.sort(java.util.Comparator.comparingDouble(ItemScore::others).reversed());
		List<ItemScore> highest = ranked.subList(0, Math.min(5, ranked.size()));
		List<ItemScore> lowest = new ArrayList<>(ranked.subList(Math.max(0, ranked.size() - 5), ranked.size()));
		Collections.reverse(lowest);
		int raters = data.respondents(others) + (managerApart ? data.respondents(Relationship.MANAGER.ordinal()) : 0);
		String commentsNote;
		if (raters >= t.minComments()) {
			Collections.shuffle(comments, RANDOM);
			commentsNote = "Comments from all " + raters + " raters, in random order.";
		}
		else {
			comments.clear();
			commentsNote = "Comments are shown when at least " + t.minComments() + " raters have answered (" + raters
					+ " so far), so that nobody's words can be traced to them.";
		}
		List<Importance> importanceRows = new ArrayList<>();
		for (ScoreRow r : rows) {
			if (r.dimension()) {
				Integer measure = importanceIndex.get(r.key());
				DisclosureControl.Figure fig = measure == null || !all.shown() ? null : all.figures().get(measure);
				importanceRows.add(new Importance(r.label(),
						fig != null && fig.shown() ? Math.round(fig.mean() * 100) / 100.0 : null,
						r.groups().get(0).mean()));
			}
		}
		int[] reach = new int[4];
		for (FeedbackStore.Reached r : this.store.reached(id)) {
			reach[0]++;
			if (r.inSystemModel()) {
				reach[1]++;
			}
			else if (r.hasEmail()) {
				reach[2]++;
			}
			if (r.mailed()) {
				reach[3]++;
			}
		}
		return new Report(f, columns, rows, List.copyOf(highest), lowest, List.copyOf(comments), commentsNote,
				importanceRows, this.store.plan(viewer.tenantId(), id), t, new Reach(reach[0], reach[1], reach[2],
						reach[3], f.linksHandedOutBy(), f.linksHandedOutOn(), f.linksHandedOutReason()));
	}

	/**
	 * An element's score for a rater group: the mean of its statements' means, over the
	 * statements whose figure can be shown (raters may not be able to observe some), so
	 * it is a function of shown figures only.
	 */
	private static Score score(DisclosureControl.Cell cell, Results.Column col) {
		if (!cell.shown()) {
			return new Score(null, null, cell.reason());
		}
		double sum = 0;
		int counted = 0;
		String hidden = null;
		for (int item : col.items()) {
			DisclosureControl.Figure fig = cell.figures().get(item);
			if (fig.shown()) {
				sum += fig.mean();
				counted++;
			}
			else {
				hidden = fig.hidden();
			}
		}
		if (counted == 0) {
			return new Score(null, cell.respondents(), hidden);
		}
		return new Score(Math.round(sum / counted * 100) / 100.0, cell.respondents(), null);
	}

	private static Double mean(double[] values, List<Integer> items) {
		double sum = 0;
		int n = 0;
		for (int i : items) {
			if (!Double.isNaN(values[i])) {
				sum += values[i];
				n++;
			}
		}
		return n == 0 ? null : Math.round(sum / n * 100) / 100.0;
	}

}
