package app.balcony.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

import app.balcony.identity.AuditLog;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.SideTransactions;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The anonymity engine as a service: each tenant's thresholds, and every report of
 * answers decided by {@link DisclosureControl} against the history of everything released
 * from that data in the tenant, whoever asked (kept in the database, so it holds across
 * accounts, sessions and application instances).
 */
@Service
public class AnonymityEngine {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final SideTransactions side;

	/** The history's SQL: always on the side pool, in {@link #report}'s transaction. */
	private final JdbcClient historyDb;

	AnonymityEngine(JdbcClient jdbc, AuditLog audit, SideTransactions side) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.side = side;
		this.historyDb = side.jdbc();
		this.deciding = new java.util.concurrent.Semaphore(Math.max(1, side.size() - 2), true);
	}

	/**
	 * Decisions running at once on this instance: each holds a side connection (and its
	 * scope's lock) while it works, so at least two side connections always stay free for
	 * sign-ins and the audit log.
	 */
	private final java.util.concurrent.Semaphore deciding;

	/**
	 * Whose history a report is decided against: the scope's, whoever asks. A release is
	 * a release: what one account of the tenant was shown, every account may have seen
	 * (two accounts of one person, or two colleagues pooling what they saw), so every
	 * account's reports on the same data are decided against one history.
	 */
	public static String historyKey(String username, String scope) {
		return scope;
	}

	@Transactional(readOnly = true)
	public Thresholds thresholds(long tenantId) {
		return this.jdbc
			.sql("select min_cell, min_comments, min_rater_group from privacy_settings where tenant_id = :tenant")
			.param("tenant", tenantId)
			.query((rs, n) -> new Thresholds(rs.getInt("min_cell"), rs.getInt("min_comments"),
					rs.getInt("min_rater_group")))
			.optional()
			.orElse(Thresholds.DEFAULT);
	}

	@Transactional
	public Thresholds saveThresholds(long tenantId, String actor, int minCell, int minComments, int minRaterGroup) {
		Thresholds t;
		try {
			t = new Thresholds(minCell, minComments, minRaterGroup);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException(ex.getMessage());
		}
		if (t.minComments() < t.minCell()) {
			throw new BadRequestException("minComments must be at least minCell (" + t.minCell() + ")");
		}
		int updated = this.jdbc.sql("""
				update privacy_settings set min_cell = :minCell, min_comments = :minComments,
				    min_rater_group = :minRaterGroup, updated_by = :updatedBy, updated_on = :updatedOn
				where tenant_id = :tenant
				""")
			.param("minCell", t.minCell())
			.param("minComments", t.minComments())
			.param("minRaterGroup", t.minRaterGroup())
			.param("updatedBy", actor)
			.param("updatedOn", Date.valueOf(LocalDate.now()))
			.param("tenant", tenantId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					insert into privacy_settings (tenant_id, min_cell, min_comments, min_rater_group, updated_by,
					    updated_on)
					values (:tenant, :minCell, :minComments, :minRaterGroup, :updatedBy, :updatedOn)
					""")
				.param("tenant", tenantId)
				.param("minCell", t.minCell())
				.param("minComments", t.minComments())
				.param("minRaterGroup", t.minRaterGroup())
				.param("updatedBy", actor)
				.param("updatedOn", Date.valueOf(LocalDate.now()))
				.update();
		}
		this.audit.record(tenantId, actor, "ANONYMITY_THRESHOLDS_CHANGED", "tenant " + tenantId,
				"cell " + t.minCell() + ", comments " + t.minComments() + ", rater group " + t.minRaterGroup());
		return t;
	}

	/**
	 * Decides a report: which cells and figures may be shown given everything released
	 * from the same data before, to any account of the tenant ({@code scope} names the
	 * data, e.g. a campaign; atoms and measures must keep their numbering within a scope,
	 * and someone who arrives later must be in atoms of their own). Records what is
	 * shown. Reports on one scope are decided one at a time. {@code dataVersion}
	 * fingerprints the answers (e.g. how many responses): once figures have been released
	 * from one version, reports on another are refused, since the difference would give
	 * the newcomers' answers away.
	 */
	public DisclosureControl.Outcome report(long tenantId, String username, String scope, String dataVersion,
			Microdata data, List<DisclosureControl.Request> requests, Thresholds thresholds, BitSet interest) {
		// On the side pool: the caller usually holds a read-only transaction on the
		// request pool, and the history must commit whatever the caller does next. The
		// scope's lock row is created first, in a transaction of its own: two first
		// reports racing to create it must not abort the one that decides (PostgreSQL
		// ends a transaction at its first error).
		createLockRow(tenantId, historyKey(null, scope), dataVersion);
		try {
			if (!this.deciding.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)) {
				throw new org.springframework.dao.TransientDataAccessResourceException(
						"No anonymity decision could start in 30 s",
						new java.sql.SQLTransientConnectionException("anonymity engine busy"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		try {
			return this.side.run(() -> decide(tenantId, scope, dataVersion, data, requests, thresholds, interest));
		}
		finally {
			this.deciding.release();
		}
	}

	private DisclosureControl.Outcome decide(long tenantId, String scope, String dataVersion, Microdata data,
			List<DisclosureControl.Request> requests, Thresholds thresholds, BitSet interest) {
		String key = historyKey(null, scope);
		String version = lock(tenantId, key, dataVersion);
		if (version != null && dataVersion != null && !version.equals(dataVersion)) {
			throw new BadRequestException("The answers behind these results changed after figures from them were "
					+ "released, so no more figures can be shown from them: the difference would give the new "
					+ "answers away.");
		}
		DisclosureControl.History history = history(tenantId, key);
		DisclosureControl.Outcome outcome = DisclosureControl.apply(data, requests, history, thresholds, interest);
		DisclosureControl.History after = history.plus(outcome);
		LocalDate today = LocalDate.now();
		for (DisclosureControl.Released r : after.released()) {
			String population = encode(r.population());
			String hash = hash(population);
			String measures = encode(r.measures());
			int updated = this.historyDb.sql("""
					update privacy_release set measures = :measures
					where tenant_id = :tenant and username = :username and scope = :scope and kind = 'SHOWN'
					    and population_hash = :hash
					""")
				.param("measures", measures)
				.param("tenant", tenantId)
				.param("username", TENANT_WIDE)
				.param("scope", key)
				.param("hash", hash)
				.update();
			if (updated == 0) {
				insert(tenantId, key, "SHOWN", population, hash, measures, today);
			}
		}
		for (BitSet p : outcome.newlyProtected()) {
			String population = encode(p);
			String hash = hash(population);
			boolean exists = this.historyDb.sql("""
					select count(*) from privacy_release
					where tenant_id = :tenant and username = :username and scope = :scope and kind = 'PROTECTED'
					    and population_hash = :hash
					""")
				.param("tenant", tenantId)
				.param("username", TENANT_WIDE)
				.param("scope", key)
				.param("hash", hash)
				.query(Integer.class)
				.single() > 0;
			if (!exists) {
				insert(tenantId, key, "PROTECTED", population, hash, "", today);
			}
		}
		return outcome;
	}

	/** The account column's value for history shared by every account of a tenant. */
	static final String TENANT_WIDE = "*";

	/**
	 * How many populations have been released from a scope, to anyone (for tests and
	 * support).
	 */
	@Transactional(readOnly = true)
	public int historySize(long tenantId, String scope) {
		return this.jdbc.sql("""
				select count(distinct population_hash) from privacy_release
				where tenant_id = :tenant and scope = :scope and kind = 'SHOWN'
				""").param("tenant", tenantId).param("scope", scope).query(Integer.class).single();
	}

	private void insert(long tenantId, String scope, String kind, String population, String hash, String measures,
			LocalDate today) {
		this.historyDb.sql("""
				insert into privacy_release (tenant_id, username, scope, kind, population_hash, population, measures,
				    released_on)
				values (:tenant, :username, :scope, :kind, :hash, :population, :measures, :releasedOn)
				""")
			.param("tenant", tenantId)
			.param("username", TENANT_WIDE)
			.param("scope", scope)
			.param("kind", kind)
			.param("hash", hash)
			.param("population", population)
			.param("measures", measures)
			.param("releasedOn", Date.valueOf(today))
			.update();
	}

	/**
	 * Everything released from a scope, to any account (rows kept per account before
	 * history was shared are read too, so nothing released earlier is forgotten).
	 */
	private DisclosureControl.History history(long tenantId, String scope) {
		List<DisclosureControl.Released> released = new ArrayList<>();
		List<BitSet> protectedSets = new ArrayList<>();
		this.historyDb.sql("""
				select kind, population, measures from privacy_release
				where tenant_id = :tenant and scope = :scope order by id
				""").param("tenant", tenantId).param("scope", scope).query((rs, n) -> {
			BitSet population = decode(rs.getString("population"));
			if ("SHOWN".equals(rs.getString("kind"))) {
				released.add(new DisclosureControl.Released(population, decode(rs.getString("measures"))));
			}
			else if (!protectedSets.contains(population)) {
				protectedSets.add(population);
			}
			return null;
		}).list();
		return new DisclosureControl.History(released, protectedSets)
			.plus(new DisclosureControl.Outcome(List.of(), List.of(), List.of()));
	}

	/**
	 * Takes the scope's lock for this transaction and returns the data version its
	 * history was released from (recording this one when there is none yet).
	 */
	private void createLockRow(long tenantId, String scope, String dataVersion) {
		boolean exists = this.side.run(() -> this.historyDb.sql("""
				select count(*) from privacy_history_lock
				where tenant_id = :tenant and username = :username and scope = :scope
				""")
			.param("tenant", tenantId)
			.param("username", TENANT_WIDE)
			.param("scope", scope)
			.query(Integer.class)
			.single() > 0);
		if (!exists) {
			try {
				this.side.run(() -> this.historyDb.sql("""
						insert into privacy_history_lock (tenant_id, username, scope, data_version)
						values (:tenant, :username, :scope, :dataVersion)
						""")
					.param("tenant", tenantId)
					.param("username", TENANT_WIDE)
					.param("scope", scope)
					.param("dataVersion", dataVersion)
					.update());
			}
			catch (DuplicateKeyException ex) {
				// Another report created it at the same moment; the lock waits for it.
			}
		}
	}

	private String lock(long tenantId, String scope, String dataVersion) {
		String version = this.historyDb.sql("""
				select data_version from privacy_history_lock
				where tenant_id = :tenant and username = :username and scope = :scope for update
				""")
			.param("tenant", tenantId)
			.param("username", TENANT_WIDE)
			.param("scope", scope)
			.query(String.class)
			.optional()
			.orElse(null);
		if (version == null && dataVersion != null) {
			this.historyDb.sql("""
					update privacy_history_lock set data_version = :dataVersion
					where tenant_id = :tenant and username = :username and scope = :scope
					""")
				.param("dataVersion", dataVersion)
				.param("tenant", tenantId)
				.param("username", TENANT_WIDE)
				.param("scope", scope)
				.update();
		}
		return version;
	}

	static String encode(BitSet set) {
		return Base64.getEncoder().encodeToString(set.toByteArray());
	}

	static BitSet decode(String text) {
		return text == null || text.isEmpty() ? new BitSet() : BitSet.valueOf(Base64.getDecoder().decode(text));
	}

	private static String hash(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
