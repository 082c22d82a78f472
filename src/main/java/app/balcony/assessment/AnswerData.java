package app.balcony.assessment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import app.balcony.privacy.Microdata;

import org.springframework.util.ConcurrentLruCache;

/**
 * A closed campaign's answers summarised into atoms (respondents who share every
 * attribute), for the anonymity engine, with each column's spread and reliability. Read
 * once per campaign and kept in a bounded cache ({@link #CACHED} campaigns, least
 * recently used first out), keyed by the number of responses so a campaign that gained
 * responses is read again.
 */
class AnswerData {

	/** Campaigns whose answers are kept in memory at once. */
	static final int CACHED = 32;

	/**
	 * A campaign's answers as of a number of responses; equal by tenant, campaign id and
	 * responses (the campaign rides along for loading).
	 */
	private record Key(long tenantId, Campaigns.Campaign campaign, int responses) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Key k && k.tenantId == this.tenantId && k.campaign.id() == this.campaign.id()
					&& k.responses == this.responses;
		}

		@Override
		public int hashCode() {
			return java.util.Objects.hash(this.tenantId, this.campaign.id(), this.responses);
		}

	}

	/**
	 * @param spread standard deviation over all respondents of each column's score, by
	 * detail (for effect sizes; released only for the whole campaign)
	 */
	record Data(int responses, Microdata microdata, List<String[]> atomValues, Map<Results.Detail, double[]> spread,
			Map<Results.Detail, double[]> alpha) {

		/** The answers' version for the engine: a closed campaign's never changes. */
		String version() {
			return "responses:" + this.responses;
		}

	}

	private final ResultsStore store;

	private final ConcurrentLruCache<Key, Data> cache;

	AnswerData(ResultsStore store) {
		this.store = store;
		this.cache = new ConcurrentLruCache<>(CACHED, key -> load(key.tenantId(), key.campaign()));
	}

	Data get(long tenantId, Campaigns.Campaign campaign) {
		return this.cache.get(new Key(tenantId, campaign, this.store.responses(tenantId, campaign.id())));
	}

	/** Reads a campaign's answers once and sums them by atom. */
	private Data load(long tenantId, Campaigns.Campaign campaign) {
		Grouping[] groupings = Grouping.values();
		Map<String, String[]> profile = this.store.respondentGroups(tenantId, campaign.id(), groupings);
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
		this.store.scores(tenantId, campaign.id(), (responseId, itemKey, score) -> {
			Integer item = itemIndex.get(itemKey);
			Integer atom = atomOfResponse.get(responseId);
			if (item != null && atom != null) {
				microdata.add(atom, item, score);
				for (int o = 1; o <= points; o++) {
					microdata.add(atom, items.size() + item * points + o - 1, o == score ? 1 : 0);
				}
				scores.computeIfAbsent(responseId, k -> new byte[items.size()])[item] = (byte) score;
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
		Map<Results.Detail, double[]> spread = new java.util.EnumMap<>(Results.Detail.class);
		for (Results.Detail detail : Results.Detail.values()) {
			List<Results.Column> cols = Results.columns(campaign.instrument(), detail);
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
		Map<Results.Detail, double[]> alpha = new java.util.EnumMap<>(Results.Detail.class);
		for (Results.Detail detail : List.of(Results.Detail.DIMENSION, Results.Detail.ELEMENT)) {
			alpha.put(detail, Reliability.alpha(Results.columns(campaign.instrument(), detail), scores.values()));
		}
		return new Data(profile.size(), microdata, atomValues, spread, alpha);
	}

}
