package app.balcony.evidence.sources;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import app.balcony.evidence.EvidenceProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The project-stable number behind each pseudonym ("[Person 3]"). Only a hash of the
 * redacted value is kept: keyed (HMAC-SHA256) when {@code balcony.evidence.pseudonym-key}
 * is set, so a copy of the database alone cannot be tested against a list of names; plain
 * SHA-256 otherwise. Setting the key later upgrades each plain hash when its value is met
 * again, so the numbers go on.
 */
@Component
public class Pseudonyms {

	private final JdbcClient jdbc;

	private final EvidenceProperties properties;

	Pseudonyms(JdbcClient jdbc, EvidenceProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** The number of a value of a kind in a project, given now if it is new. */
	public int number(long projectId, Redactor.Kind kind, String value) {
		String normalised = projectId + "|" + kind + "|" + value.strip().toLowerCase(Locale.ROOT);
		String plain = sha256(normalised);
		String configured = this.properties.getPseudonymKey();
		byte[] key = configured.isEmpty() ? null : configured.getBytes(StandardCharsets.UTF_8);
		String hash = key == null ? plain : hmac(key, normalised);
		Optional<Integer> known = find(projectId, kind, hash);
		if (known.isEmpty() && key != null) {
			known = find(projectId, kind, plain);
			if (known.isPresent()) {
				this.jdbc.sql("""
						update evidence_pseudonym set value_hash = :hash
						where project_id = :p and kind = :k and value_hash = :plain""")
					.param("hash", hash)
					.param("p", projectId)
					.param("k", kind.name())
					.param("plain", plain)
					.update();
			}
		}
		return known.orElseGet(() -> {
			int next = this.jdbc.sql("""
					select coalesce(max(number), 0) + 1 from evidence_pseudonym where project_id = :p and kind = :k""")
				.param("p", projectId)
				.param("k", kind.name())
				.query(Integer.class)
				.single();
			this.jdbc.sql("""
					insert into evidence_pseudonym (project_id, kind, value_hash, number) values (:p, :k, :hash, :n)""")
				.param("p", projectId)
				.param("k", kind.name())
				.param("hash", hash)
				.param("n", next)
				.update();
			return next;
		});
	}

	private Optional<Integer> find(long projectId, Redactor.Kind kind, String hash) {
		return this.jdbc.sql("""
				select number from evidence_pseudonym where project_id = :p and kind = :k and value_hash = :hash""")
			.param("p", projectId)
			.param("k", kind.name())
			.param("hash", hash)
			.query(Integer.class)
			.optional();
	}

	/** HMAC-SHA256 of a value, in hex. */
	public static String hmac(byte[] key, String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
