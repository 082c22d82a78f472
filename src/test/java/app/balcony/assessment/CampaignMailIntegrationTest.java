package app.balcony.assessment;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.DemoIcs;
import app.balcony.system.SystemImport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an SMTP server configured, an analyst sends a campaign's invitations and later
 * reminders from the campaign page, as a background job; each person gets their own
 * working link, and reminders go only to people who have not answered.
 */
class CampaignMailIntegrationTest extends IntegrationTestBase {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DemoIcs demo;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void invitationsAndRemindersGoOutByEmailWithEachPersonsOwnLink() throws Exception {
		Tenant northvale = this.demo.ensure(42, 600, Progress.NONE);
		Browser analyst = demoAs(Role.ANALYST);
		String name = "Mailed pulse " + System.nanoTime();
		analyst.get("/assessment");
		analyst.post("/assessment/campaigns",
				Map.of("name", name, "instrument", "self_assessment", "opensOn", LocalDate.now().toString(), "closesOn",
						LocalDate.now().plusDays(7).toString(), "sectors", "NHS_AMBULANCE"));
		long id = this.jdbc.queryForObject("select id from campaign where tenant_id = ? and name = ?", Long.class,
				northvale.id(), name);
		int invited = this.jdbc.queryForObject("select count(*) from campaign_invitation where campaign_id = ?",
				Integer.class, id);
		assertThat(invited).isGreaterThan(1);
		// A draft cannot be mailed yet.
		String page = analyst.get("/assessment/campaigns/" + id).body();
		assertThat(page).doesNotContain("Send invitations by e-mail");
		analyst.post("/assessment/campaigns/" + id + "/open", Map.of());
		assertThat(analyst.get("/assessment/campaigns/" + id).body()).contains("Send invitations by e-mail");

		var sent = analyst.post("/assessment/campaigns/" + id + "/mail", Map.of());
		String jobPage = sent.headers().firstValue("Location").orElseThrow();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == invited);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> analyst.get(jobPage.substring(jobPage.indexOf("/assessment")))
				.body()
				.contains("Sent " + invited + " invitations"));
		MimeMessage first = smtp.getReceivedMessages()[0];
		assertThat(first.getSubject()).isEqualTo(name);
		String body = GreenMailUtil.getBody(first);
		Matcher m = Pattern.compile("/s/([A-Za-z0-9_-]{32})").matcher(body);
		assertThat(m.find()).isTrue();
		Browser respondent = browser();
		assertThat(respondent.get("/s/" + m.group(1)).body()).contains(name);

		// Sending invitations again mails nobody twice.
		analyst.get("/assessment/campaigns/" + id);
		analyst.post("/assessment/campaigns/" + id + "/mail", Map.of());
		Thread.sleep(1500);
		assertThat(smtp.getReceivedMessages()).hasSize(invited);

		// One person answers; reminders go to everyone else.
		Map<String, String> answers = new HashMap<>();
		ItemBank.instrument("self_assessment").orElseThrow().items().forEach(i -> answers.put(i.key(), "4"));
		answers.put("action", "submit");
		respondent.post("/s/" + m.group(1), answers);
		analyst.get("/assessment/campaigns/" + id);
		analyst.post("/assessment/campaigns/" + id + "/mail?reminder=true", Map.of());
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> smtp.getReceivedMessages().length == invited + invited - 1);
		MimeMessage last = smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1];
		assertThat(last.getSubject()).isEqualTo("Reminder: " + name);
		assertThat(GreenMailUtil.getBody(last)).doesNotContain(m.group(1));
	}

	@Test
	void ratersGetTheirOwnLinksByEmailSoNobodyElseHoldsThem() throws Exception {
		this.demo.ensure(42, 600, Progress.NONE);
		int before = smtp.getReceivedMessages().length;
		Browser leader = demoAs(Role.FACILITATOR);
		leader.get("/feedback");
		var started = leader.post("/feedback", Map.of("closesOn", LocalDate.now().plusDays(10).toString()));
		String location = started.headers().firstValue("Location").orElseThrow();
		String path = location.substring(location.indexOf("/feedback/"));
		leader.get(path);
		// An address of a person in the system model links the rater to them.
		String modelled = this.jdbc.queryForObject(
				"select min(p.email) from person p join tenant t on t.id = p.tenant_id where t.slug = 'northvale' "
						+ "and p.email is not null",
				String.class);
		leader.post(path + "/raters", Map.of("name", "Known Person", "email", modelled, "relationship", "PARTNER"));
		leader.post(path + "/raters",
				Map.of("name", "Outside Person", "email", "outside@community.example", "relationship", "COMMUNITY"));
		String manage = leader.get(path).body();
		assertThat(manage).contains("In the system model").contains("External");
		assertThat(leader.post(path + "/mail", Map.of()).statusCode()).isEqualTo(302);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == before + 2);
		MimeMessage mailed = smtp.getReceivedMessages()[before];
		assertThat(mailed.getSubject()).startsWith("360 feedback for");
		Matcher m = Pattern.compile("/r/([A-Za-z0-9_-]{32})").matcher(GreenMailUtil.getBody(mailed));
		assertThat(m.find()).isTrue();
		assertThat(browser().get("/r/" + m.group(1)).body()).contains("Nothing links your answers");
		assertThat(leader.get(path).body()).contains("link mailed");
		// Pressing it again mails nobody twice.
		leader.post(path + "/mail", Map.of());
		Thread.sleep(500);
		assertThat(smtp.getReceivedMessages()).hasSize(before + 2);
		// Nobody handed links out, and the report will say so.
		assertThat(this.jdbc.queryForObject("select links_handed_out_by from feedback where id = ?", String.class,
				Long.parseLong(path.substring("/feedback/".length()))))
			.isNull();
	}

}
