package app.balcony.assessment;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Mails each 360 rater their own link through the SMTP server in {@code spring.mail.*},
 * so that nobody else (not the leader, not whoever set the 360 up) ever holds it. A 360
 * has tens of raters, so this runs in the request; each message is marked as sent as it
 * goes, so pressing it again mails only those not yet mailed.
 */
@Component
public class RaterMail {

	private final ObjectProvider<JavaMailSender> sender;

	private final JdbcClient jdbc;

	private final Tokens tokens;

	private final ThreeSixty threeSixty;

	private final AuditLog audit;

	private final String from;

	RaterMail(ObjectProvider<JavaMailSender> sender, JdbcClient jdbc, Tokens tokens, ThreeSixty threeSixty,
			AuditLog audit, app.balcony.shared.BalconyProperties settings) {
		this.sender = sender;
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.threeSixty = threeSixty;
		this.audit = audit;
		this.from = settings.mail().from();
	}

	public boolean configured() {
		return this.sender.getIfAvailable() != null;
	}

	/** What a send did. */
	public record Sent(int sent, List<String> failed) {
	}

	private record Recipient(long id, String email, String salt) {
	}

	/** Mails every rater not yet mailed (and not yet answered) their own link. */
	public Sent send(BalconyUser user, long id, String baseUrl) {
		ThreeSixty.Feedback f = this.threeSixty.manage(user, id);
		if (!configured()) {
			throw new BadRequestException("No SMTP server is configured (spring.mail.host), so Balcony cannot send "
					+ "rater links; hand them out yourself instead (recorded and shown on the report).");
		}
		if (!f.open()) {
			throw new BadRequestException("This 360 is closed");
		}
		String secret = this.tokens.secret(user.tenantId());
		List<Recipient> recipients = this.jdbc.sql("""
				select id, email, salt from feedback_rater
				where feedback_id = :feedback and relationship <> 'SELF' and email is not null and mailed_on is null
				    and status <> 'SUBMITTED'
				order by id
				""")
			.param("feedback", id)
			.query((rs, n) -> new Recipient(rs.getLong("id"), rs.getString("email"), rs.getString("salt")))
			.list();
		JavaMailSender mail = this.sender.getObject();
		List<String> failed = new java.util.ArrayList<>();
		int sent = 0;
		for (Recipient r : recipients) {
			SimpleMailMessage message = new SimpleMailMessage();
			message.setFrom(this.from);
			message.setTo(r.email());
			message.setSubject("360 feedback for " + f.subjectName());
			message.setText(f.subjectName() + " has asked for your feedback on how they lead across the system.\n\n"
					+ "Your own link (please do not pass it on):\n" + baseUrl + "/r/" + Tokens.token(secret, r.salt())
					+ "\n\nYou can save your answers and come back until " + f.closesOn() + ". Your ratings are shown "
					+ "only together with others who know " + f.subjectName() + " the same way; nothing links them "
					+ "to your name.\n");
			try {
				mail.send(message);
				this.jdbc.sql("update feedback_rater set mailed_on = :mailedOn where id = :id")
					.param("mailedOn", Date.valueOf(LocalDate.now()))
					.param("id", r.id())
					.update();
				sent++;
			}
			catch (MailException ex) {
				failed.add(r.email());
			}
		}
		this.audit.record(user.tenantId(), user.getUsername(), "FEEDBACK_RATERS_MAILED", "feedback " + id,
				sent + " sent, " + failed.size() + " failed");
		return new Sent(sent, failed);
	}

}
