package app.balcony.assessment;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import app.balcony.identity.Tenant;
import app.balcony.system.DemoIcs;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Northvale's demo surveys: a closed baseline of the systems leadership survey with
 * answers from about 60% of the people invited (invented, with differences between
 * places, sectors and dimensions so the heatmap has something to show), and an open
 * follow-up whose links an evaluator can download and answer.
 */
@Component
public class AssessmentDemo {

	public static final String BASELINE = "Systems leadership survey – baseline";

	public static final String FOLLOW_UP = "Systems leadership survey – follow-up";

	private static final String[] HELPS = { "Time with colleagues from other organisations, without an agenda.",
			"A shared purpose for our neighbourhood that everyone signed up to.",
			"Being trusted by my manager to commit to joint work.", "Shared data about the people we both serve.",
			"The place leadership programme and the contacts it gave me." };

	private static final String[] BLOCKS = { "Different governance and sign-off in every organisation.",
			"Targets that only count what my own organisation does.", "Too many meetings, too few decisions.",
			"Budgets that cannot be moved between partners.", "Not knowing who to talk to in the council." };

	private final Campaigns campaigns;

	private final Directory system;

	private final JdbcClient jdbc;

	private final app.balcony.shared.Batch batch;

	AssessmentDemo(Campaigns campaigns, Directory system, JdbcClient jdbc, app.balcony.shared.Batch batch) {
		this.campaigns = campaigns;
		this.system = system;
		this.jdbc = jdbc;
		this.batch = batch;
	}

	@Transactional
	public synchronized void ensure(Tenant tenant) {
		boolean exists = this.jdbc.sql("select count(*) from campaign where tenant_id = :tenant and name = :name")
			.param("tenant", tenant.id())
			.param("name", BASELINE)
			.query(Integer.class)
			.single() > 0;
		if (exists) {
			return;
		}
		String actor = DemoIcs.ACCOUNTS.get(1).username();
		LocalDate today = LocalDate.now();
		Instrument instrument = ItemBank.instrument("systems_leadership_survey").orElseThrow();
		long baseline = this.campaigns.create(tenant.id(), actor, new Campaigns.Draft(BASELINE, instrument.key(), true,
				today.minusDays(150), today.minusDays(120), null, "Baseline", Campaigns.Audience.EVERYONE));
		// Its dates are in the past, so it is opened directly rather than through open().
		this.jdbc.sql("update campaign set status = 'OPEN' where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.id())
			.param("id", baseline)
			.update();
		Random random = new Random(2026);
		Map<Long, Views.Profile> profiles = this.system.profiles(tenant.id(), today);
		respond(tenant.id(), baseline, instrument, profiles, random, 0.62, today.minusDays(140), 0.0);
		this.campaigns.close(tenant.id(), actor, baseline);
		this.jdbc.sql("update campaign set closed_on = :closedOn where tenant_id = :tenant and id = :id")
			.param("closedOn", Date.valueOf(today.minusDays(120)))
			.param("tenant", tenant.id())
			.param("id", baseline)
			.update();

		long followUp = this.campaigns.create(tenant.id(), actor, new Campaigns.Draft(FOLLOW_UP, instrument.key(), true,
				today.minusDays(7), today.plusDays(21), baseline, "Follow-up", Campaigns.Audience.EVERYONE));
		this.campaigns.open(tenant.id(), actor, followUp);
		respond(tenant.id(), followUp, instrument, profiles, random, 0.35, today.minusDays(3), 0.25);
	}

	private static double effect(String key) {
		return new Random(key.hashCode()).nextGaussian() * 0.3;
	}

	/**
	 * Answers for a share of the invitations, as if submitted: the invitation is marked
	 * submitted and an unlinked response is stored with the person's attributes.
	 */
	private void respond(long tenantId, long campaignId, Instrument instrument, Map<Long, Views.Profile> profiles,
			Random random, double share, LocalDate on, double lift) {
		List<Instrument.Item> items = instrument.items();
		Map<String, Double> groupEffect = Map.of("feeling", 0.45, "perceiving", -0.1, "thinking", 0.2, "relating", -0.3,
				"doing", -0.2, "being", 0.1);
		List<Object[]> responses = new ArrayList<>();
		List<Object[]> answers = new ArrayList<>();
		List<Object[]> invitations = new ArrayList<>();
		List<long[]> invited = this.jdbc.sql("""
				select id, person_id from campaign_invitation
				where tenant_id = :tenant and campaign_id = :campaign order by id
				""")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.query((rs, n) -> new long[] { rs.getLong("id"), rs.getLong("person_id") })
			.list();
		for (long[] row : invited) {
			if (random.nextDouble() >= share) {
				continue;
			}
			Views.Profile p = profiles.get(row[1]);
			if (p == null) {
				continue;
			}
			// Places and sectors differ the same way in every wave.
			double base = 3.2 + lift + effect("place " + p.placeId()) + effect("sector " + p.sector())
					+ random.nextGaussian() * 0.45;
			String id = UUID.randomUUID().toString();
			responses.add(new Object[] { id, tenantId, campaignId, Date.valueOf(on), p.placeId(), p.neighbourhoodId(),
					p.organisationId(), p.sector(), p.level(), p.staffGroup(), p.seniority() });
			for (Instrument.Item item : items) {
				double lean = groupEffect.getOrDefault(item.groupKey(), 0.0)
						+ (lift > 0 && ("relating".equals(item.groupKey()) || "doing".equals(item.groupKey())) ? 0.25
								: 0);
				long score = Math.round(base + lean + random.nextGaussian() * 0.7);
				answers.add(new Object[] { id, item.key(), (int) Math.max(1, Math.min(5, score)), null });
			}
			if (random.nextInt(6) == 0) {
				answers.add(new Object[] { id, "open.helps", null, HELPS[random.nextInt(HELPS.length)] });
			}
			if (random.nextInt(6) == 0) {
				answers.add(new Object[] { id, "open.gets_in_the_way", null, BLOCKS[random.nextInt(BLOCKS.length)] });
			}
			invitations.add(new Object[] { Date.valueOf(on), row[0] });
		}
		this.batch
			.run("insert into campaign_response (id, tenant_id, campaign_id, invitation_id, submitted_on, place_id, "
					+ "neighbourhood_id, organisation_id, sector, level_key, staff_group, seniority) "
					+ "values (?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?)", responses);
		this.batch.run("insert into campaign_answer (response_id, item_key, score, text_value) values (?, ?, ?, ?)",
				answers, new int[] { java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.SMALLINT,
						java.sql.Types.VARCHAR });
		this.batch.run("update campaign_invitation set status = 'SUBMITTED', submitted_on = ? where id = ?",
				invitations);
	}

}
