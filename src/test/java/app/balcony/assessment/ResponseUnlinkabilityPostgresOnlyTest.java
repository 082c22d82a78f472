package app.balcony.assessment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.DemoIcs;
import app.balcony.system.SystemImport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adversary has read access to the database after an anonymous campaign closed and
 * tries to join responses to invitations (who) through what PostgreSQL keeps about rows:
 * the transaction that wrote them ({@code xmin}), their physical order ({@code ctid}),
 * and dates. Before, the claim of the invitation and the insert of the response shared a
 * transaction, so {@code xmin} joined 20 of 20. Now every response of the close shares
 * one transaction that touched no invitation, and their physical order does not follow
 * the order of the claims.
 */
class ResponseUnlinkabilityPostgresOnlyTest extends IntegrationTestBase {

	@Autowired
	DemoIcs demo;

	@Autowired
	Campaigns campaigns;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void noRowVersionPhysicalOrderOrDateJoinsAResponseToItsInvitation() {
		Tenant northvale = this.demo.ensure(42, 600, Progress.NONE);
		Instrument instrument = ItemBank.instrument("systems_leadership_survey").orElseThrow();
		java.time.LocalDate today = java.time.LocalDate.now();
		long id = this.campaigns.create(northvale.id(), "analyst",
				new Campaigns.Draft("Unlinkable " + System.nanoTime(), instrument.key(), true, today, today.plusDays(7),
						null, "Baseline", Campaigns.Audience.EVERYONE));
		this.campaigns.open(northvale.id(), "analyst", id);
		List<Campaigns.Link> links = this.campaigns.demoLinks(northvale.id(), id).subList(0, 20);
		for (int i = 0; i < links.size(); i++) {
			Map<String, String> answers = new HashMap<>();
			for (Instrument.Item item : instrument.items()) {
				// Each respondent's answers are distinctive, so a join would be a leak.
				answers.put(item.key(), String.valueOf(1 + (i % 5)));
			}
			assertThat(this.campaigns.submit(links.get(i).token(), answers)).isTrue();
		}
		this.campaigns.close(northvale.id(), "analyst", id);

		List<String> invitationVersions = this.jdbc
			.queryForList("select xmin::text from campaign_invitation where campaign_id = ?", String.class, id);
		List<String> responseVersions = this.jdbc
			.queryForList("select xmin::text from campaign_response where campaign_id = ?", String.class, id);
		assertThat(responseVersions).hasSize(20);
		assertThat(new java.util.HashSet<>(responseVersions)).as("one transaction wrote every response").hasSize(1);
		// Invitations that share it are all of them or none (the close clears every
		// draft): it singles nobody out.
		long sharing = invitationVersions.stream().filter(responseVersions.get(0)::equals).count();
		assertThat(sharing).as("invitations sharing the responses' row version")
			.isIn(0L, (long) invitationVersions.size());
		// The responses' physical order against the order the answers came in: a
		// shuffle of these 20 gives it back by chance about once in 3 * 10^11.
		List<Integer> physical = this.jdbc.queryForList(
				"select (select a.score from campaign_answer a where a.response_id = r.id and a.item_key = ?) "
						+ "from campaign_response r where r.campaign_id = ? order by r.ctid",
				Integer.class, instrument.items().get(0).key(), id);
		List<Integer> submitted = new java.util.ArrayList<>();
		for (int i = 0; i < 20; i++) {
			submitted.add(1 + (i % 5));
		}
		assertThat(physical).containsExactlyInAnyOrderElementsOf(submitted).isNotEqualTo(submitted);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from campaign_response where campaign_id = ? "
						+ "and (invitation_id is not null or submitted_on <> ?)",
				Integer.class, id, java.sql.Date.valueOf(today)))
			.as("no date finer than the close")
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from campaign_invitation where campaign_id = ? and submitted_on is not null",
				Integer.class, id))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("select count(*) from response_ballot where parent_id = ?", Integer.class, id))
			.as("the ballot box is empty")
			.isZero();
	}

}
