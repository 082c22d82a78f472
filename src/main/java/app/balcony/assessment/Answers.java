package app.balcony.assessment;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Stores a validated set of answers: scores, "not able to observe" and open text. */
final class Answers {

	private Answers() {
	}

	static void insert(JdbcClient jdbc, String table, String responseId, Map<String, String> answers) {
		if (!table.equals("campaign_answer") && !table.equals("feedback_answer")) {
			throw new IllegalArgumentException(table);
		}
		for (Map.Entry<String, String> e : answers.entrySet()) {
			String v = e.getValue();
			if (v == null || v.isBlank()) {
				continue;
			}
			boolean text = e.getKey().startsWith("open.");
			Integer score = text || "na".equals(v) ? null : Integer.valueOf(v);
			jdbc.sql("insert into " + table + " (response_id, item_key, score, text_value) values (?, ?, ?, ?)")
				.params(responseId, e.getKey(), score, text ? v.strip() : ("na".equals(v) ? "na" : null))
				.update();
		}
	}

}
