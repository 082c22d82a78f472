package app.balcony.assessment;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import app.balcony.privacy.AnonymityEngine;
import app.balcony.privacy.DisclosureControl;
import app.balcony.privacy.Microdata;
import app.balcony.shared.BadRequestException;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views;

import org.springframework.jdbc.core.JdbcTemplate;
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

	private final JdbcTemplate jdbc;

	private final Campaigns campaigns;

	private final AnonymityEngine engine;

	private final Directory system;

	private final Map<Long, Data> cache = new ConcurrentHashMap<>();

	private final ReservedViews reserved;

	Results(JdbcTemplate jdbc, Campaigns campaigns, AnonymityEngine engine, Directory system, ReservedViews reserved) {
		this.reserved = reserved;
		this.jdbc = jdbc;
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

	/**
	 * @param spread standard deviation over all respondents of each column's score, by
	 * detail (for effect sizes; released only for the whole campaign)
	 */
	private record Data(int responses, Microdata microdata, List<String[]> atomValues, Map<Detail, double[]> spread,
			Map<Detail, double[]> alpha) {

		/** The answers' version for the engine: a closed campaign's never changes. */
		String version() {
			return "responses:" + this.responses;
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
		Data data = data(tenantId, campaign);
		Views.Names names = this.system.names(tenantId);
		Instrument instrument = campaign.instrument();
		Query query = query(data, names, groupings, filters);
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
					values.add(combine(cell, c));
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
		int responses = this.jdbc.queryForObject(
				"select count(*) from campaign_response where tenant_id = ? and campaign_id = ?", Integer.class,
				tenantId, campaignId);
		if (responses < campaign.thresholds().minComments()) {
			return List.of();
		}
		List<Comments> out = new ArrayList<>();
		for (Instrument.OpenQuestion q : campaign.instrument().open()) {
			List<String> answers = new ArrayList<>(this.jdbc.queryForList(
					"select a.text_value from campaign_answer a join campaign_response r on r.id = a.response_id "
							+ "where r.tenant_id = ? and r.campaign_id = ? and a.item_key = ? and a.text_value is not null",
					String.class, tenantId, campaignId, q.key()));
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
		Data data = data(tenantId, campaign);
		Query query = query(data, this.system.names(tenantId), grouping == null ? List.of() : List.of(grouping),
				List.of());
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

	/**
	 * Cronbach's alpha of each multi-item column over the respondents who answered all
	 * its items: k/(k-1) · (1 − Σ item variances / variance of the sum). NaN with fewer
	 * than {@link #MIN_FOR_ALPHA} complete responses or a single item.
	 */
	static double[] alpha(List<Column> columns, java.util.Collection<byte[]> responses) {
		double[] out = new double[columns.size()];
		for (int c = 0; c < columns.size(); c++) {
			List<Integer> items = columns.get(c).items();
			int k = items.size();
			if (k < 2) {
				out[c] = Double.NaN;
				continue;
			}
			double[] sum = new double[k];
			double[] squares = new double[k];
			double total = 0;
			double totalSquares = 0;
			int n = 0;
			for (byte[] r : responses) {
				boolean complete = true;
				for (int item : items) {
					complete &= r[item] > 0;
				}
				if (!complete) {
					continue;
				}
				n++;
				double t = 0;
				for (int i = 0; i < k; i++) {
					double v = r[items.get(i)];
					sum[i] += v;
					squares[i] += v * v;
					t += v;
				}
				total += t;
				totalSquares += t * t;
			}
			if (n < MIN_FOR_ALPHA) {
				out[c] = Double.NaN;
				continue;
			}
			double itemVariance = 0;
			for (int i = 0; i < k; i++) {
				itemVariance += (squares[i] - sum[i] * sum[i] / n) / (n - 1);
			}
			double totalVariance = (totalSquares - total * total / n) / (n - 1);
			// Statements that cancel out (everyone's total the same) give minus infinity:
			// it is
			// reported with every other alpha at or below -1, so its absence or value
			// never
			// says that everyone has the same score.
			double a = totalVariance <= 0 ? Double.NEGATIVE_INFINITY
					: (double) k / (k - 1) * (1 - itemVariance / totalVariance);
			out[c] = itemVariance <= 0 && totalVariance <= 0 ? Double.NaN : Math.max(ALPHA_FLOOR, a);
		}
		return out;
	}

	private static Double round(double v) {
		return Math.round(v * 100) / 100.0;
	}

	/**
	 * The cells a view asks for: the filtered total, then each group of each grouping.
	 */
	private record Query(List<DisclosureControl.Request> requests, List<String> groupingOf, String filterLabel) {
	}

	private static Query query(Data data, Views.Names names, List<Grouping> groupings, List<Filter> filters) {
		BitSet filtered = new BitSet();
		for (int a = 0; a < data.atomValues().size(); a++) {
			String[] values = data.atomValues().get(a);
			boolean keep = true;
			for (Filter f : filters) {
				keep &= Objects.equals(values[f.grouping().ordinal()], f.value());
			}
			if (keep) {
				filtered.set(a);
			}
		}
		String filterLabel = filters.isEmpty() ? "Everyone" : String.join(", ",
				filters.stream().map(f -> f.grouping().label() + ": " + f.grouping().label(f.value(), names)).toList());
		List<DisclosureControl.Request> requests = new ArrayList<>();
		List<String> groupingOf = new ArrayList<>();
		requests.add(new DisclosureControl.Request("total", filterLabel, null, filtered));
		groupingOf.add(null);
		for (Grouping g : groupings) {
			Map<String, BitSet> cells = new TreeMap<>();
			for (int a = filtered.nextSetBit(0); a >= 0; a = filtered.nextSetBit(a + 1)) {
				String v = data.atomValues().get(a)[g.ordinal()];
				cells.computeIfAbsent(v == null ? "" : v, k -> new BitSet()).set(a);
			}
			List<Map.Entry<String, BitSet>> sorted = new ArrayList<>(cells.entrySet());
			sorted.sort(java.util.Comparator
				.comparing((Map.Entry<String, BitSet> e) -> g.label(e.getKey().isEmpty() ? null : e.getKey(), names)));
			for (Map.Entry<String, BitSet> e : sorted) {
				String value = e.getKey().isEmpty() ? null : e.getKey();
				requests.add(new DisclosureControl.Request(g.param() + ":" + e.getKey(), g.label(value, names),
						g.param(), e.getValue()));
				groupingOf.add(g.label());
			}
		}
		return new Query(requests, groupingOf, filterLabel);
	}

	/**
	 * A column's figure from its items' figures. Responses are complete, so an element's
	 * mean is the mean of its items' means; it is shown only when every item's figure is,
	 * or it would let a hidden item's figure be worked out.
	 */
	private static Value combine(DisclosureControl.Cell cell, Column column) {
		double sum = 0;
		for (int item : column.items()) {
			DisclosureControl.Figure f = cell.figures().get(item);
			if (!f.shown()) {
				return new Value(null, column.items().size() == 1 ? f.hidden()
						: "hidden because a question in it is hidden (" + f.hidden() + ")");
			}
			sum += f.mean();
		}
		double exact = sum / column.items().size();
		return new Value(Math.round(exact * 100) / 100.0, null, exact);
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

	private Data data(long tenantId, Campaigns.Campaign campaign) {
		Integer responses = this.jdbc.queryForObject(
				"select count(*) from campaign_response where tenant_id = ? and campaign_id = ?", Integer.class,
				tenantId, campaign.id());
		Data cached = this.cache.get(campaign.id());
		if (cached != null && cached.responses() == responses) {
			return cached;
		}
		Data loaded = load(tenantId, campaign);
		this.cache.put(campaign.id(), loaded);
		return loaded;
	}

	/** Reads a campaign's answers once and sums them by atom. */
	private Data load(long tenantId, Campaigns.Campaign campaign) {
		Grouping[] groupings = Grouping.values();
		StringBuilder columns = new StringBuilder();
		for (Grouping g : groupings) {
			columns.append(", ").append(g.column());
		}
		Map<String, String[]> profile = new HashMap<>();
		this.jdbc.query("select id" + columns + " from campaign_response where tenant_id = ? and campaign_id = ?",
				rs -> {
					String[] values = new String[groupings.length];
					for (int g = 0; g < groupings.length; g++) {
						values[g] = rs.getString(g + 2);
					}
					profile.put(rs.getString(1), values);
				}, tenantId, campaign.id());
		// Atoms in a stable order, so a user's report history keeps meaning the same
		// groups.
		TreeMap<String, String[]> distinct = new TreeMap<>();
		for (String[] v : profile.values()) {
			distinct.putIfAbsent(
					String.join("\u0001", java.util.Arrays.stream(v).map(x -> x == null ? "" : x).toList()), v);
		}
		Map<String, Integer> atomOfKey = new HashMap<>();
		List<String[]> atomValues = new ArrayList<>();
		distinct.forEach((k, v) -> {
			atomOfKey.put(k, atomValues.size());
			atomValues.add(v);
		});
		Map<String, Integer> atomOfResponse = new HashMap<>(profile.size() * 2);
		profile.forEach((id, v) -> atomOfResponse.put(id, atomOfKey
			.get(String.join("\u0001", java.util.Arrays.stream(v).map(x -> x == null ? "" : x).toList()))));
		List<Instrument.Item> items = campaign.instrument().items();
		Map<String, Integer> itemIndex = new HashMap<>();
		List<Microdata.Measure> measures = new ArrayList<>();
		int points = campaign.instrument().scalePoints();
		for (int i = 0; i < items.size(); i++) {
			itemIndex.put(items.get(i).key(), i);
			measures.add(new Microdata.Measure(items.get(i).key(), 1, points));
		}
		// Then, for distributions, whether each respondent chose each point of each item
		// (bounds -1..1, so only "everyone chose it" counts as giving answers away).
		for (Instrument.Item item : items) {
			for (int o = 1; o <= points; o++) {
				measures.add(new Microdata.Measure(item.key() + "#" + o, -1, 1, item.key()));
			}
		}
		Microdata microdata = new Microdata(atomValues.size(), measures);
		Map<String, byte[]> scores = new HashMap<>(profile.size() * 2);
		atomOfResponse.values().forEach(microdata::addRespondent);
		this.jdbc.query(con -> {
			PreparedStatement ps = con.prepareStatement(
					"select a.response_id, a.item_key, a.score from campaign_answer a join campaign_response r on r.id = a.response_id "
							+ "where r.tenant_id = ? and r.campaign_id = ? and a.score is not null");
			ps.setLong(1, tenantId);
			ps.setLong(2, campaign.id());
			ps.setFetchSize(10_000);
			return ps;
		}, rs -> {
			Integer item = itemIndex.get(rs.getString(2));
			Integer atom = atomOfResponse.get(rs.getString(1));
			if (item != null && atom != null) {
				int score = rs.getInt(3);
				microdata.add(atom, item, score);
				for (int o = 1; o <= points; o++) {
					microdata.add(atom, items.size() + item * points + o - 1, o == score ? 1 : 0);
				}
				scores.computeIfAbsent(rs.getString(1), k -> new byte[items.size()])[item] = (byte) rs.getInt(3);
			}
		});
		// Each statement's spread over everyone who answered it; a column's spread is the
		// root mean of its statements' variances, so it is above zero whenever the
		// statements vary at all (a released column's always do: the engine hides a
		// statement everyone answered alike), and its absence never says that everyone
		// has the same score.
		double[] itemSum = new double[items.size()];
		double[] itemSquares = new double[items.size()];
		int[] itemN = new int[items.size()];
		for (byte[] answers : scores.values()) {
			for (int i = 0; i < items.size(); i++) {
				if (answers[i] > 0) {
					itemSum[i] += answers[i];
					itemSquares[i] += answers[i] * answers[i];
					itemN[i]++;
				}
			}
		}
		double[] itemVariance = new double[items.size()];
		for (int i = 0; i < items.size(); i++) {
			itemVariance[i] = itemN[i] < 2 ? Double.NaN
					: Math.max(0, (itemSquares[i] - itemSum[i] * itemSum[i] / itemN[i]) / (itemN[i] - 1));
		}
		Map<Detail, double[]> spread = new java.util.EnumMap<>(Detail.class);
		for (Detail detail : Detail.values()) {
			List<Column> cols = columns(campaign.instrument(), detail);
			double[] sd = new double[cols.size()];
			for (int c = 0; c < cols.size(); c++) {
				double v = 0;
				for (int item : cols.get(c).items()) {
					v += itemVariance[item];
				}
				sd[c] = Math.sqrt(v / cols.get(c).items().size());
			}
			spread.put(detail, sd);
		}
		Map<Detail, double[]> alpha = new java.util.EnumMap<>(Detail.class);
		for (Detail detail : List.of(Detail.DIMENSION, Detail.ELEMENT)) {
			alpha.put(detail, alpha(columns(campaign.instrument(), detail), scores.values()));
		}
		return new Data(profile.size(), microdata, atomValues, spread, alpha);
	}

}
