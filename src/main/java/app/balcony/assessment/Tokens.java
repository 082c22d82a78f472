package app.balcony.assessment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Survey links. A token is derived from a random salt with the tenant's secret (so the
 * server can give the same link again for a mail-merge or a reminder) and only its
 * SHA-256 is stored for lookup.
 */
@Component
class Tokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	Tokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String secret(long tenantId) {
		Optional<String> existing = this.jdbc.sql("select secret from assessment_secret where tenant_id = :tenant")
			.param("tenant", tenantId)
			.query(String.class)
			.optional();
		if (existing.isPresent()) {
			return existing.get();
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = HexFormat.of().formatHex(bytes);
		try {
			this.jdbc.sql("insert into assessment_secret (tenant_id, secret) values (:tenant, :secret)")
				.param("tenant", tenantId)
				.param("secret", secret)
				.update();
			return secret;
		}
		catch (DuplicateKeyException ex) {
			return secret(tenantId);
		}
	}

	static String salt() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String token(String secret, String salt) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
			byte[] out = mac.doFinal(salt.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(out).substring(0, 32);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean plausible(String token) {
		return token != null && token.length() >= 20 && token.length() <= 64;
	}

}
