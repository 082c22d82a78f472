package app.balcony.assessment;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Answers as stored: a submitted set (scores, "not able to observe" and open text), and a
 * draft saved as JSON until submission.
 */
final class Answers {

	static final ObjectMapper JSON = new ObjectMapper();

	private Answers() {
	}

	static String json(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A stored draft (empty when none). */
	static Map<String, String> draft(String json) {
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		try {
			return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored draft is not valid JSON", ex);
		}
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
			jdbc.sql("insert into " + table
					+ " (response_id, item_key, score, text_value) values (:response, :item, :score, :text)")
				.param("response", responseId)
				.param("item", e.getKey())
				.param("score", score)
				.param("text", text ? v.strip() : ("na".equals(v) ? "na" : null))
				.update();
		}
	}

}
