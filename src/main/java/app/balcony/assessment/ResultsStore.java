package app.balcony.assessment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.balcony.shared.Batch;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL behind campaign results: responses of a closed campaign with the respondent's
 * groups, their scores, and open-text answers. Every statement filters on the tenant.
 */
class ResultsStore {

	/** One score of one response. */
	@FunctionalInterface
	interface ScoreConsumer {

		void accept(String responseId, String itemKey, int score);

	}

	private final JdbcClient jdbc;

	private final Batch batch;

	ResultsStore(JdbcClient jdbc, Batch batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	int responses(long tenantId, long campaignId) {
		return this.jdbc
			.sql("select count(*) from campaign_response where tenant_id = :tenant and campaign_id = :campaign")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.query(Integer.class)
			.single();
	}

	List<String> comments(long tenantId, long campaignId, String itemKey) {
		return this.jdbc.sql("""
				select a.text_value from campaign_answer a join campaign_response r on r.id = a.response_id
				where r.tenant_id = :tenant and r.campaign_id = :campaign and a.item_key = :item
				  and a.text_value is not null
				""")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.param("item", itemKey)
			.query(String.class)
			.list();
	}

	/** Each response's value of every grouping (in the order of {@code groupings}). */
	Map<String, String[]> respondentGroups(long tenantId, long campaignId, Grouping[] groupings) {
		StringBuilder columns = new StringBuilder();
		for (Grouping g : groupings) {
			columns.append(", ").append(g.column());
		}
		Map<String, String[]> out = new HashMap<>();
		this.jdbc
			.sql("select id" + columns
					+ " from campaign_response where tenant_id = :tenant and campaign_id = :campaign")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.query(rs -> {
				String[] values = new String[groupings.length];
				for (int g = 0; g < groupings.length; g++) {
					values[g] = rs.getString(groupings[g].column());
				}
				out.put(rs.getString("id"), values);
			});
		return out;
	}

	void scores(long tenantId, long campaignId, ScoreConsumer each) {
		this.batch.read("""
				select a.response_id, a.item_key, a.score from campaign_answer a
				join campaign_response r on r.id = a.response_id
				where r.tenant_id = ? and r.campaign_id = ? and a.score is not null
				""", rs -> {
			each.accept(rs.getString("response_id"), rs.getString("item_key"), rs.getInt("score"));
		}, tenantId, campaignId);
	}

}
