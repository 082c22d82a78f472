package app.balcony.assessment;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.balcony.privacy.AnonymityEngine;
import app.balcony.privacy.DisclosureControl;
import app.balcony.shared.BadRequestException;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Results of a closed campaign: heatmaps of dimensions, elements or items by any grouping
 * of the respondents, every figure decided by the {@link AnonymityEngine} for the user
 * who asks. Answers are summarised once per campaign into atoms (respondents who share
 * every attribute) and kept in memory; a closed campaign's answers never change.
 */
@Service
public class Results {

	private final ResultsStore store;

	private final AnswerData answers;

	private final Campaigns campaigns;

	private final AnonymityEngine engine;

	private final Directory system;

	private final ReservedViews reserved;

	Results(JdbcClient jdbc, app.balcony.shared.Batch batch, Campaigns campaigns, AnonymityEngine engine,
			Directory system, ReservedViews reserved) {
		this.reserved = reserved;
		this.store = new ResultsStore(jdbc, batch);
		this.answers = new AnswerData(this.store);
		this.campaigns = campaigns;
		this.engine = engine;
		this.system = system;
	}

	/**
	 * What a heatmap shows: dimension (or element group) scores, elements, or single
	 * items.
	 */
	public enum Detail {

		DIMENSION, ELEMENT, ITEM;

		public static Detail parse(String text) {
			for (Detail d : values()) {
				if (d.name().equalsIgnoreCase(text)) {
					return d;
				}
			}
			throw new BadRequestException("level: use dimension, element or item");
		}

	}

	/** A filter on one attribute. */
	public record Filter(Grouping grouping, String value) {

		public static Filter parse(String text) {
			int colon = text.indexOf(':');
			if (colon <= 0) {
				throw new BadRequestException("filter: write it as attribute:value, e.g. sector:PRIMARY_CARE");
			}
			Grouping grouping = Grouping.parse(text.substring(0, colon));
			return new Filter(grouping, grouping.canonical(text.substring(colon + 1)));
		}

		public String param() {
			return this.grouping.param() + ":" + this.value;
		}

	}

	public record Column(String key, String label, String group, List<Integer> items) {
	}

	/**
	 * A shown figure rounded for display, or why it is hidden; {@code exact} is the
	 * unrounded mean, for statistics computed from it (never shown or sent).
	 */
	public record Value(Double mean, String hidden, @com.fasterxml.jackson.annotation.JsonIgnore Double exact) {

		public Value(Double mean, String hidden) {
			this(mean, hidden, mean);
		}

	}

	/**
	 * A row; {@code drill} is the filter list that looks inside this group (null for the
	 * total).
	 */
	public record Row(String grouping, String label, List<String> drill, Integer respondents, String status,
			String reason, List<Value> values) {

		public boolean shown() {
			return "SHOWN".equals(this.status);
		}

	}

	/**
	 * {@code reliability}: Cronbach's alpha per column over the whole campaign (null for
	 * single statements or too few complete responses).
	 */
	public record Heatmap(Campaigns.Campaign campaign, Detail detail, List<Filter> filters, String filterLabel,
			List<Grouping> groupings, List<Column> columns, List<Row> rows, int scalePoints, int minCell,
			List<Double> reliability) {

		/**
		 * A colour band 1 (low) to 5 (high) for a shown mean, for the page's heat
		 * colours.
		 */
		public int band(Value value) {
			if (value == null || value.mean() == null) {
				return 0;
			}
			double share = (value.mean() - 1) / Math.max(1, this.scalePoints - 1);
			return Math.max(1, Math.min(5, 1 + (int) Math.floor(share * 5 - 1e-9)));
		}

		public long withheld() {
			return this.rows.stream().filter(r -> !r.shown()).count();
		}

	}

	/** Alpha is reported down to this; lower values are reported as this ("or lower"). */
	public static final double ALPHA_FLOOR = -1.0;

	/** Fewest complete responses before Cronbach's alpha is reported. */
	public static final int MIN_FOR_ALPHA = 30;

	/**
	 * The heatmap from request parameters: {@code level} dimension, element or item;
	 * {@code groupBy} one grouping (every grouping when blank); {@code filter}
	 * attribute:value, repeatable.
	 */
	@Transactional(readOnly = true)
	public Heatmap heatmap(long tenantId, String username, long campaignId, String level, String groupBy,
			List<String> filter) {
		List<Grouping> groupings = groupBy == null || groupBy.isBlank() ? List.of(Grouping.values())
				: List.of(Grouping.parse(groupBy));
		List<Filter> filters = new ArrayList<>();
		if (filter != null) {
			filter.stream().filter(f -> !f.isBlank()).forEach(f -> filters.add(Filter.parse(f)));
		}
		return heatmap(tenantId, username, campaignId, Detail.parse(level), groupings, filters);
	}

	@Transactional(readOnly = true)
	public Heatmap heatmap(long tenantId, String username, long campaignId, Detail detail, List<Grouping> groupings,
			List<Filter> filters) {
		Campaigns.Campaign campaign = this.campaigns.find(tenantId, campaignId);
		if (!campaign.resultsOpen()) {
			throw new BadRequestException(
					"Results open when the campaign closes, so nobody can watch a group's scores move as one colleague submits.");
		}
		releaseReserved(tenantId, campaign);
		return decide(tenantId, username, campaign, detail, groupings, filters);
	}

	/**
	 * Decides the views reserved for a campaign, in order, before any other view of it:
	 * each request runs them first (one that finds them released does nothing), so no
	 * other view is ever decided before them.
	 */
	private void releaseReserved(long tenantId, Campaigns.Campaign campaign) {
		List<ReservedViews.View> pending = this.reserved.views(tenantId, campaign.id(), true);
		if (pending.isEmpty()) {
			return;
		}
		for (ReservedViews.View v : pending) {
			List<Grouping> groupings = v.groupBy() == null ? List.of(Grouping.values())
					: List.of(Grouping.parse(v.groupBy()));
			decide(tenantId, "reserved by " + v.reservedBy(), campaign, Detail.parse(v.level()), groupings,
					v.filters().stream().map(Filter::parse).toList());
		}
		this.reserved.released(tenantId, pending.stream().map(ReservedViews.View::id).toList());
	}

	private Heatmap decide(long tenantId, String username, Campaigns.Campaign campaign, Detail detail,
			List<Grouping> groupings, List<Filter> filters) {
		long campaignId = campaign.id();
		AnswerData.Data data = data(tenantId, campaign);
		Views.Names names = this.system.names(tenantId);
		Instrument instrument = campaign.instrument();
		ResultCells.Query query = ResultCells.query(data, names, groupings, filters);
		List<DisclosureControl.Request> requests = query.requests();
		List<String> groupingOf = query.groupingOf();
		String filterLabel = query.filterLabel();
		BitSet itemMeasures = new BitSet();
		itemMeasures.set(0, instrument.items().size());
		DisclosureControl.Outcome outcome = this.engine.report(tenantId, username, "campaign:" + campaignId,
				data.version(), data.microdata(), requests, campaign.thresholds(), itemMeasures);
		List<Column> columns = columns(instrument, detail);
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			DisclosureControl.Cell cell = outcome.cells().get(i);
			List<Value> values = new ArrayList<>();
			if (cell.shown()) {
				for (Column c : columns) {
					values.add(ResultCells.combine(cell, c));
				}
			}
			String key = requests.get(i).key();
			List<String> drill = null;
			if (!"total".equals(key) && !key.endsWith(":")) {
				drill = new ArrayList<>(filters.stream().map(Filter::param).toList());
				drill.add(key);
			}
			rows.add(new Row(groupingOf.get(i), cell.label(), drill, cell.respondents(), cell.status().name(),
					cell.reason(), values));
		}
		// Alpha is over the whole campaign: released with an unfiltered view whose total
		// shows the column (every statement's family shown for everyone), never on its
		// own.
		List<Double> reliability = new ArrayList<>();
		double[] alpha = data.alpha().get(detail);
		Row total = rows.get(0);
		for (int c = 0; c < columns.size(); c++) {
			boolean released = filters.isEmpty() && total.shown() && total.values().get(c).mean() != null;
			reliability.add(!released || alpha == null || Double.isNaN(alpha[c]) ? null : round(alpha[c]));
		}
		return new Heatmap(campaign, detail, filters, filterLabel, groupings, columns, rows, instrument.scalePoints(),
				campaign.thresholds().minCell(), reliability);
	}

	/** Answers to one open question, in random order. */
	public record Comments(String question, List<String> answers) {
	}

	/**
	 * Open-text answers of a closed campaign, for the whole campaign only (never for a
	 * group or filter, so two views cannot be compared to pick out a few people's words),
	 * and only when at least the tenant's comment threshold responded. Shuffled on every
	 * call, so order says nothing about who answered when.
	 */
	@Transactional(readOnly = true)
	public List<Comments> comments(long tenantId, long campaignId) {
		Campaigns.Campaign campaign = this.campaigns.find(tenantId, campaignId);
		if (!campaign.resultsOpen()) {
			throw new BadRequestException("Results open when the campaign closes.");
		}
		int responses = this.store.responses(tenantId, campaignId);
		if (responses < campaign.thresholds().minComments()) {
			return List.of();
		}
		List<Comments> out = new ArrayList<>();
		for (Instrument.OpenQuestion q : campaign.instrument().open()) {
			List<String> answers = new ArrayList<>(this.store.comments(tenantId, campaignId, q.key()));
			java.util.Collections.shuffle(answers, new java.security.SecureRandom());
			out.add(new Comments(q.text(), answers));
		}
		return out;
	}

	/** One point of the scale in one group: share and count, or why hidden. */
	public record Share(Double percent, Integer count, String hidden) {
	}

	public record DistributionRow(String grouping, String label, Integer respondents, String status, String reason,
			List<Share> shares) {
	}

	public record Distribution(Campaigns.Campaign campaign, Instrument.Item item, List<String> scale,
			String filterLabel, List<DistributionRow> rows) {
	}

	/**
	 * How the answers to one statement spread over the scale, for the total and each
	 * group of a grouping. Every share passes the anonymity engine under the same history
	 * as the heatmaps; a share where everyone in a group chose the same point is hidden
	 * (and further shares until it cannot be worked out), since it would give each answer
	 * away.
	 */
	@Transactional(readOnly = true)
	public Distribution distribution(long tenantId, String username, long campaignId, String itemKey,
			Grouping grouping) {
		Campaigns.Campaign campaign = this.campaigns.find(tenantId, campaignId);
		if (!campaign.resultsOpen()) {
			throw new BadRequestException("Results open when the campaign closes.");
		}
		List<Instrument.Item> items = campaign.instrument().items();
		int index = -1;
		for (int i = 0; i < items.size(); i++) {
			if (items.get(i).key().equals(itemKey)) {
				index = i;
			}
		}
		if (index < 0) {
			throw new BadRequestException("item: '" + itemKey + "' is not a statement of this campaign");
		}
		releaseReserved(tenantId, campaign);
		AnswerData.Data data = data(tenantId, campaign);
		ResultCells.Query query = ResultCells.query(data, this.system.names(tenantId),
				grouping == null ? List.of() : List.of(grouping), List.of());
		int points = campaign.instrument().scalePoints();
		BitSet options = new BitSet();
		options.set(items.size() + index * points, items.size() + (index + 1) * points);
		DisclosureControl.Outcome outcome = this.engine.report(tenantId, username, "campaign:" + campaignId,
				data.version(), data.microdata(), query.requests(), campaign.thresholds(), options);
		List<DistributionRow> rows = new ArrayList<>();
		for (int i = 0; i < query.requests().size(); i++) {
			DisclosureControl.Cell cell = outcome.cells().get(i);
			List<Share> shares = new ArrayList<>();
			if (cell.shown()) {
				for (int o = options.nextSetBit(0); o >= 0; o = options.nextSetBit(o + 1)) {
					DisclosureControl.Figure f = cell.figures().get(o);
					shares.add(
							f.shown()
									? new Share(Math.round(f.mean() * 1000) / 10.0,
											(int) Math.round(f.mean() * f.count()), null)
									: new Share(null, null, f.hidden()));
				}
			}
			rows.add(new DistributionRow(query.groupingOf().get(i), cell.label(), cell.respondents(),
					cell.status().name(), cell.reason(), shares));
		}
		return new Distribution(campaign, items.get(index), campaign.instrument().scale(), query.filterLabel(), rows);
	}

	/** One group's change between a baseline and a follow-up on one column. */
	public record Change(Double baseline, Double followUp, Double change, Double low, Double high, Double effect,
			Double effectLow, Double effectHigh, String hidden) {
	}

	public record ChangeRow(String grouping, String label, Integer baselineRespondents, Integer followUpRespondents,
			List<Change> changes) {
	}

	/**
	 * {@code spread}: the baseline's standard deviation per column, or null where not
	 * shown.
	 */
	public record Comparison(Campaigns.Campaign baseline, Campaigns.Campaign followUp, Detail detail,
			List<Column> columns, List<ChangeRow> rows, List<Double> spread) {
	}

	/**
	 * Change from a follow-up's baseline to the follow-up, group by group: both heatmaps
	 * pass the anonymity engine for this user, and a change is shown only for groups
	 * shown in both. The effect size is the change over the baseline's spread across all
	 * its respondents (the root mean of the column's statements' variances, so no group's
	 * spread is released, and it cannot be zero for a column that is shown), with a 95%
	 * confidence interval {@code d ± 1.96·sqrt((n1+n2)/(n1·n2) + d²/(2(n1+n2)))}; the
	 * change in points has the interval {@code ± 1.96·sd·sqrt(1/n1 + 1/n2)}.
	 */
	@Transactional(readOnly = true)
	public Comparison compare(long tenantId, String username, long followUpId, Detail detail, Grouping grouping) {
		Campaigns.Campaign followUp = this.campaigns.find(tenantId, followUpId);
		if (followUp.baselineId() == null) {
			throw new BadRequestException("This campaign is a baseline; compare from one of its follow-ups.");
		}
		List<Grouping> groupings = grouping == null ? List.of() : List.of(grouping);
		Heatmap before = heatmap(tenantId, username, followUp.baselineId(), detail, groupings, List.of());
		Heatmap after = heatmap(tenantId, username, followUpId, detail, groupings, List.of());
		double[] sd = data(tenantId, before.campaign()).spread().get(detail).clone();
		// The whole baseline's spread is released with its total's figure for the column
		// (the statements' families, shares included, decided together by the engine, so
		// a unanimous baseline hides the figure and its spread alike, for the one neutral
		// reason). Never on its own, so its absence says nothing the figure's does not.
		for (int c = 0; c < sd.length; c++) {
			Row total = before.rows().get(0);
			if (!total.shown() || total.values().get(c).mean() == null || sd[c] == 0) {
				sd[c] = Double.NaN;
			}
		}
		Map<String, Row> afterRows = new LinkedHashMap<>();
		after.rows().forEach(r -> afterRows.put(r.grouping() + "|" + r.label(), r));
		List<ChangeRow> rows = new ArrayList<>();
		for (Row b : before.rows()) {
			Row a = afterRows.get(b.grouping() + "|" + b.label());
			List<Change> changes = new ArrayList<>();
			for (int c = 0; c < before.columns().size(); c++) {
				Value vb = b.shown() ? b.values().get(c) : null;
				Value va = a != null && a.shown() ? a.values().get(c) : null;
				if (vb == null || va == null || vb.mean() == null || va.mean() == null) {
					changes.add(new Change(vb == null ? null : vb.mean(), va == null ? null : va.mean(), null, null,
							null, null, null, null, "not shown in both waves"));
					continue;
				}
				double n1 = b.respondents();
				double n2 = a.respondents();
				// From the unrounded means: rounding is for display only.
				double diff = va.exact() - vb.exact();
				double s = sd[c];
				if (Double.isNaN(s) || s == 0) {
					changes.add(new Change(vb.mean(), va.mean(), round(diff), null, null, null, null, null, null));
					continue;
				}
				double margin = 1.96 * s * Math.sqrt(1 / n1 + 1 / n2);
				double d = diff / s;
				double se = Math.sqrt((n1 + n2) / (n1 * n2) + d * d / (2 * (n1 + n2)));
				changes.add(new Change(vb.mean(), va.mean(), round(diff), round(diff - margin), round(diff + margin),
						round(d), round(d - 1.96 * se), round(d + 1.96 * se), null));
			}
			rows.add(new ChangeRow(b.grouping(), b.label(), b.respondents(), a == null ? null : a.respondents(),
					changes));
		}
		List<Double> spread = new ArrayList<>();
		for (double v : sd) {
			spread.add(Double.isNaN(v) || v == 0 ? null : round(v));
		}
		return new Comparison(before.campaign(), followUp, detail, before.columns(), rows, spread);
	}

	/** Cronbach's alpha of each multi-item column (see {@link Reliability#alpha}). */
	static double[] alpha(List<Column> columns, java.util.Collection<byte[]> responses) {
		return Reliability.alpha(columns, responses);
	}

	private static Double round(double v) {
		return Math.round(v * 100) / 100.0;
	}

	static List<Column> columns(Instrument instrument, Detail detail) {
		List<Instrument.Item> items = instrument.items();
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < items.size(); i++) {
			index.put(items.get(i).key(), i);
		}
		List<Column> out = new ArrayList<>();
		switch (detail) {
			case DIMENSION -> {
				Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
				Map<String, String> names = new LinkedHashMap<>();
				for (Instrument.Section s : instrument.sections()) {
					names.put(s.groupKey(), s.groupName());
					s.items()
						.forEach(i -> byGroup.computeIfAbsent(s.groupKey(), k -> new ArrayList<>())
							.add(index.get(i.key())));
				}
				byGroup.forEach((k, v) -> out.add(new Column(k, names.get(k), names.get(k), List.copyOf(v))));
			}
			case ELEMENT -> {
				for (Instrument.Section s : instrument.sections()) {
					out.add(new Column(s.elementKey(), s.elementName(), s.groupName(),
							s.items().stream().map(i -> index.get(i.key())).toList()));
				}
			}
			case ITEM -> {
				for (Instrument.Section s : instrument.sections()) {
					for (Instrument.Item i : s.items()) {
						out.add(new Column(i.key(), i.text(), s.elementName(), List.of(index.get(i.key()))));
					}
				}
			}
		}
		return out;
	}

	private AnswerData.Data data(long tenantId, Campaigns.Campaign campaign) {
		return this.answers.get(tenantId, campaign);
	}

}
