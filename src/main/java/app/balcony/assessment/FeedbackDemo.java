package app.balcony.assessment;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import app.balcony.identity.BalconyUser;
import app.balcony.identity.Tenant;
import app.balcony.identity.TenantAccounts;
import app.balcony.system.DemoIcs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Northvale's demo 360: the demo member as the leader, the demo facilitator as their
 * facilitator, a line manager (identifiable, as raters were told), peers, direct reports,
 * community members, and two partners (too few to show on their own). The leader rates
 * themselves higher than others on two elements and lower on one.
 */
@Component
public class FeedbackDemo {

	private static final String[] COMMENTS = { "Brings people round the table who would not otherwise meet.",
			"Could say no more often to requests from their own organisation.",
			"Listens well in meetings but decisions sometimes drift afterwards.",
			"The neighbourhood team trusts them; that took time.",
			"Please share more of the thinking behind system decisions.",
			"Gives credit to the voluntary sector partners publicly.",
			"Sometimes takes on too much personally instead of handing work over.",
			"Made it easy to challenge the plan for the hub.", "Could visit the front line more often.",
			"Stays calm when the meeting gets heated.", "Explains the money honestly, including what cannot be done.",
			"Has started to bring people with lived experience into the design group." };

	private final ThreeSixty threeSixty;

	private final TenantAccounts accounts;

	private final JdbcClient jdbc;

	FeedbackDemo(ThreeSixty threeSixty, TenantAccounts accounts, JdbcClient jdbc) {
		this.threeSixty = threeSixty;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Transactional
	public synchronized long ensure(Tenant tenant) {
		String leader = DemoIcs.ACCOUNTS.get(3).username();
		List<Long> existing = this.jdbc
			.sql("select id from feedback where tenant_id = :tenant and subject_username = :leader")
			.param("tenant", tenant.id())
			.param("leader", leader)
			.query(Long.class)
			.list();
		if (!existing.isEmpty()) {
			return existing.get(0);
		}
		BalconyUser member = this.accounts.user(tenant.id(), leader).orElseThrow();
		long id = this.threeSixty.start(member, null, DemoIcs.ACCOUNTS.get(2).username(), true,
				LocalDate.now().plusDays(14));
		Object[][] raters = { { "Morgan Hale", ThreeSixty.Relationship.MANAGER },
				{ "Priya Nandra", ThreeSixty.Relationship.PEER }, { "Tom Evans", ThreeSixty.Relationship.PEER },
				{ "Grace Obi", ThreeSixty.Relationship.PEER }, { "Lewis Park", ThreeSixty.Relationship.PEER },
				{ "Ana Silva", ThreeSixty.Relationship.DIRECT_REPORT },
				{ "Ben Carter", ThreeSixty.Relationship.DIRECT_REPORT },
				{ "Chloe Wright", ThreeSixty.Relationship.DIRECT_REPORT },
				{ "Sam Idris", ThreeSixty.Relationship.PARTNER }, { "Joy Mensah", ThreeSixty.Relationship.PARTNER },
				{ "Rita Doyle", ThreeSixty.Relationship.COMMUNITY },
				{ "Kofi Asante", ThreeSixty.Relationship.COMMUNITY },
				{ "Ellen Marsh", ThreeSixty.Relationship.COMMUNITY } };
		for (Object[] r : raters) {
			String address = ((String) r[0]).toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@raters.example";
			this.threeSixty.nominate(member, id, (ThreeSixty.Relationship) r[1], (String) r[0], address);
		}
		Instrument instrument = ThreeSixty.instrument();
		Random random = new Random(360);
		int c = 0;
		for (ThreeSixty.Link link : this.threeSixty.linkList(tenant.id(), id)) {
			boolean self = link.relationship().equals(ThreeSixty.Relationship.SELF.label());
			Map<String, String> answers = new HashMap<>();
			for (Instrument.Item item : instrument.items()) {
				double base = 3.6 + random.nextGaussian() * 0.6;
				if (self) {
					// Rates themselves higher on sense-making and courage, lower on
					// trust.
					base = switch (item.elementKey()) {
						case "sense_making", "courage" -> 4.9;
						case "trust" -> 2.4;
						default -> 3.8;
					};
				}
				else if (item.elementKey().equals("sense_making") || item.elementKey().equals("courage")) {
					base -= 0.9;
				}
				else if (item.elementKey().equals("trust")) {
					base += 0.7;
				}
				boolean notObserved = !self && random.nextInt(14) == 0;
				answers.put(item.key(), notObserved ? "na"
						: String.valueOf(Math.max(1, Math.min(5, Math.round(base + random.nextGaussian() * 0.5)))));
			}
			for (Instrument.Section s : instrument.sections()) {
				answers.putIfAbsent("importance." + s.groupKey(), String.valueOf(3 + random.nextInt(3)));
			}
			if (!self) {
				answers.put("open.keep", COMMENTS[c++ % COMMENTS.length]);
			}
			String token = link.token();
			this.threeSixty.submit(token, answers);
		}
		// Closed, so its report is open (a 360's report opens only once its raters are
		// frozen).
		this.threeSixty.close(member, id);
		return id;
	}

}
