package app.balcony.assessment;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ballot box between a submission and the stored responses. A submission claims its
 * link and seals its answers here in one transaction (so it is stored exactly once or not
 * at all); the close of the campaign or 360 opens the box: every ballot becomes a
 * response in one transaction, in random order, under a fresh random id, dated with the
 * closing day, and the ballot is deleted. What is stored afterwards carries no trace of
 * when, or in which transaction, each answer came in: PostgreSQL's row versions
 * ({@code xmin}) are the same for all of a close's responses, their physical order is
 * shuffled, and no date is finer than the close. (Before the close the ballots are
 * readable by someone with direct database access, as drafts are; results are never shown
 * before the close.)
 */
@Component
class Ballots {

	enum Kind {

		CAMPAIGN, FEEDBACK

	}

	/** A sealed submission: the response's columns (not its id or date) and answers. */
	record Ballot(Map<String, Object> columns, Map<String, String> answers) {
	}

	private static final TypeReference<Ballot> TYPE = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final SecureRandom random = new SecureRandom();

	Ballots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Seals a submission, in the caller's transaction (with the link's claim). */
	void cast(long tenantId, Kind kind, long parentId, Map<String, Object> columns, Map<String, String> answers) {
		String body;
		try {
			body = Answers.JSON.writeValueAsString(new Ballot(new LinkedHashMap<>(columns), answers));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		this.jdbc.sql("""
				insert into response_ballot (id, tenant_id, kind, parent_id, body)
				values (:id, :tenant, :kind, :parent, :body)
				""")
			.param("id", UUID.randomUUID().toString())
			.param("tenant", tenantId)
			.param("kind", kind.name())
			.param("parent", parentId)
			.param("body", body)
			.update();
	}

	/**
	 * Empties the box of one campaign or 360, in the caller's transaction (the close):
	 * the ballots in random order, deleted from the box.
	 */
	List<Ballot> open(long tenantId, Kind kind, long parentId) {
		List<Ballot> ballots = new ArrayList<>(this.jdbc.sql("""
				select body from response_ballot
				where tenant_id = :tenant and kind = :kind and parent_id = :parent
				""")
			.param("tenant", tenantId)
			.param("kind", kind.name())
			.param("parent", parentId)
			.query((rs, n) -> read(rs.getString("body")))
			.list());
		Collections.shuffle(ballots, this.random);
		this.jdbc.sql("delete from response_ballot where tenant_id = :tenant and kind = :kind and parent_id = :parent")
			.param("tenant", tenantId)
			.param("kind", kind.name())
			.param("parent", parentId)
			.update();
		return ballots;
	}

	/** Ballots waiting in a box (for counts while it is open). */
	int waiting(long tenantId, Kind kind, long parentId) {
		return this.jdbc.sql("""
				select count(*) from response_ballot
				where tenant_id = :tenant and kind = :kind and parent_id = :parent
				""")
			.param("tenant", tenantId)
			.param("kind", kind.name())
			.param("parent", parentId)
			.query(Integer.class)
			.single();
	}

	private static Ballot read(String body) {
		try {
			return Answers.JSON.readValue(body, TYPE);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored ballot is not valid JSON", ex);
		}
	}

	/** A new random response id. */
	static String newId() {
		return UUID.randomUUID().toString();
	}

	/** A column value as a Long (JSON numbers come back as Integer or Long). */
	static Long asLong(Object value) {
		return value == null ? null : ((Number) value).longValue();
	}

	static String asString(Object value) {
		return value == null ? null : value.toString();
	}

	static Map<String, Object> columns(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
