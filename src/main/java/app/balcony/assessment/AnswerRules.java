package app.balcony.assessment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.balcony.shared.BadRequestException;

/**
 * What counts as an answer to an instrument, for campaigns and 360s alike: the one place
 * answers are checked before they are kept as a draft or sealed in a ballot.
 */
final class AnswerRules {

	/** Longest answer to an open question. */
	static final int MAX_TEXT = 4000;

	private AnswerRules() {
	}

	/**
	 * Checks answers against the instrument: rating items take 1..points (or "na" where
	 * the instrument allows not observing), importance 1..5, open questions text up to
	 * 4,000 characters. With {@code complete}, every rating item must be answered.
	 */
	static Map<String, String> validate(Instrument instrument, Map<String, String> answers, boolean complete) {
		Map<String, String> out = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		Set<String> items = new HashSet<>();
		instrument.items().forEach(i -> items.add(i.key()));
		Set<String> open = new HashSet<>();
		instrument.open().forEach(q -> open.add(q.key()));
		Set<String> groups = new HashSet<>();
		instrument.sections().forEach(s -> groups.add("importance." + s.groupKey()));
		for (Map.Entry<String, String> e : answers.entrySet()) {
			String key = e.getKey();
			String v = e.getValue() == null ? "" : e.getValue().strip();
			if (v.isEmpty()) {
				continue;
			}
			if (items.contains(key)) {
				if ("na".equals(v) && instrument.notObserved()) {
					out.put(key, v);
				}
				else if (v.matches("[1-9]") && Integer.parseInt(v) <= instrument.scalePoints()) {
					out.put(key, v);
				}
				else {
					problems.add(key + ": answer 1 to " + instrument.scalePoints()
							+ (instrument.notObserved() ? " or 'not able to observe'" : ""));
				}
			}
			else if (open.contains(key)) {
				if (v.length() > MAX_TEXT) {
					problems.add(key + ": at most " + MAX_TEXT + " characters");
				}
				else {
					out.put(key, v);
				}
			}
			else if (instrument.importance() && groups.contains(key)) {
				if (v.matches("[1-5]")) {
					out.put(key, v);
				}
				else {
					problems.add(key + ": importance is 1 to 5");
				}
			}
			else if (!key.equals("_csrf") && !key.equals("action")) {
				problems.add(key + ": not a question of this survey");
			}
		}
		if (complete) {
			List<String> missing = instrument.items()
				.stream()
				.map(Instrument.Item::key)
				.filter(k -> !out.containsKey(k))
				.toList();
			if (!missing.isEmpty()) {
				problems.add("Please answer every statement before submitting; " + missing.size() + " still open ("
						+ String.join(", ", missing.subList(0, Math.min(5, missing.size())))
						+ (missing.size() > 5 ? ", …" : "") + ")");
			}
		}
		if (!problems.isEmpty()) {
			throw new BadRequestException(String.join("; ", problems));
		}
		return out;
	}

}
