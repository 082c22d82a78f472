package app.balcony.assessment;

import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.jobs.JobContext;
import app.balcony.jobs.JobHandler;
import app.balcony.jobs.JobOutcome;
import app.balcony.jobs.JobQueue;
import app.balcony.jobs.JobRequest;
import app.balcony.jobs.JobView;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends a campaign's links by e-mail through the SMTP server in {@code spring.mail.*}, as
 * a background job with progress: first invitations to everyone not yet e-mailed, then
 * reminders to everyone who has not submitted. Each message is marked as sent as it goes,
 * so a retried job never mails anyone twice. Without an SMTP server, the links are
 * downloaded as CSV instead.
 */
@Component
public class CampaignMail implements JobHandler {

	static final String TYPE = "campaign-mail";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

	private final ObjectProvider<JavaMailSender> sender;

	private final JdbcClient jdbc;

	private final JobQueue jobs;

	private final Tokens tokens;

	private final Campaigns campaigns;

	private final AuditLog audit;

	private final String from;

	private final ObjectMapper json = new ObjectMapper();

	CampaignMail(ObjectProvider<JavaMailSender> sender, JdbcClient jdbc, JobQueue jobs, Tokens tokens,
			Campaigns campaigns, AuditLog audit, app.balcony.shared.BalconyProperties settings) {
		this.sender = sender;
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.tokens = tokens;
		this.campaigns = campaigns;
		this.audit = audit;
		this.from = settings.mail().from();
	}

	/** True when an SMTP server is configured ({@code spring.mail.host}). */
	public boolean configured() {
		return this.sender.getIfAvailable() != null;
	}

	record Params(long campaignId, String baseUrl, boolean reminder) {
	}

	/** Queues invitations (or reminders) for a campaign; returns the job id. */
	public long submit(BalconyUser user, long campaignId, String baseUrl, boolean reminder) {
		if (!configured()) {
			throw new BadRequestException(
					"No SMTP server is configured (spring.mail.host); download the links as CSV for a mail-merge instead.");
		}
		Campaigns.Campaign c = this.campaigns.find(user.tenantId(), campaignId);
		if (!c.acceptsAnswers()) {
			throw new BadRequestException("Open the campaign before sending its links.");
		}
		try {
			String title = (reminder ? "Reminders for " : "Invitations for ") + c.name();
			return this.jobs.submit(new JobRequest(user.tenantId(), TYPE,
					title.length() > 300 ? title.substring(0, 299) + "…" : title, user.getUsername(), c.name(),
					this.json.writeValueAsString(new Params(campaignId, baseUrl, reminder)), null));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public JobView find(BalconyUser user, long jobId) {
		return this.jobs.find(user.tenantId(), jobId)
			.filter(j -> TYPE.equals(j.type()))
			.orElseThrow(() -> new NotFoundException("No such mailing"));
	}

	@Override
	public String type() {
		return TYPE;
	}

	private record Recipient(long id, String email, String salt) {
	}

	@Override
	public JobOutcome run(JobContext context) throws Exception {
		Params p = this.json.readValue(context.inputParams(), Params.class);
		Campaigns.Campaign c = this.campaigns.find(context.tenantId(), p.campaignId());
		JavaMailSender mail = this.sender.getObject();
		String secret = this.tokens.secret(context.tenantId());
		String which = p.reminder() ? "mailed_on is not null and (reminded_on is null or reminded_on < :today)"
				: "mailed_on is null";
		Map<String, Object> params = new HashMap<>();
		params.put("tenant", context.tenantId());
		params.put("campaign", p.campaignId());
		if (p.reminder()) {
			params.put("today", Date.valueOf(LocalDate.now()));
		}
		List<Recipient> recipients = this.jdbc
			.sql("select id, email, salt from campaign_invitation where tenant_id = :tenant "
					+ "and campaign_id = :campaign and email is not null and status <> 'SUBMITTED' and " + which
					+ " order by id")
			.params(params)
			.query((rs, n) -> new Recipient(rs.getLong("id"), rs.getString("email"), rs.getString("salt")))
			.list();
		List<String> failed = new ArrayList<>();
		int sent = 0;
		for (int i = 0; i < recipients.size(); i++) {
			Recipient r = recipients.get(i);
			context.progress(i, recipients.size(), "Sending");
			SimpleMailMessage message = new SimpleMailMessage();
			message.setFrom(this.from);
			message.setTo(r.email());
			message.setSubject((p.reminder() ? "Reminder: " : "") + c.name());
			message.setText(body(c, p.baseUrl() + "/s/" + Tokens.token(secret, r.salt()), p.reminder()));
			try {
				mail.send(message);
				this.jdbc
					.sql(p.reminder() ? "update campaign_invitation set reminded_on = :day where id = :id"
							: "update campaign_invitation set mailed_on = :day where id = :id")
					.param("day", Date.valueOf(LocalDate.now()))
					.param("id", r.id())
					.update();
				sent++;
			}
			catch (MailException ex) {
				failed.add(r.email());
			}
		}
		context.progress(recipients.size(), recipients.size(), "Sent");
		this.audit.record(context.tenantId(), context.createdBy(),
				p.reminder() ? "CAMPAIGN_REMINDERS_SENT" : "CAMPAIGN_INVITATIONS_SENT", "campaign " + c.id(),
				sent + " sent, " + failed.size() + " failed");
		String summary = (p.reminder() ? "Sent " + sent + " reminders" : "Sent " + sent + " invitations")
				+ (failed.isEmpty() ? "" : "; " + failed.size() + " could not be sent");
		return failed.isEmpty() || sent > 0 ? JobOutcome.success(summary, null) : JobOutcome.failure(summary, null);
	}

	private static String body(Campaigns.Campaign c, String link, boolean reminder) {
		return (reminder ? "A reminder: you have not yet answered " : "You are invited to answer ") + c.name() + ".\n\n"
				+ "Your own link (please do not pass it on):\n" + link + "\n\n" + "It takes about ten minutes. "
				+ "You can save your answers and come back until " + DAY.format(c.closesOn()) + ".\n\n"
				+ (c.anonymous() ? "This survey is anonymous: nothing links your answers to you.\n"
						: "Your answers are reported only in groups large enough that nobody's answers can be picked out.\n");
	}

}
