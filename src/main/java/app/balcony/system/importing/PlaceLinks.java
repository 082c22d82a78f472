package app.balcony.system.importing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One effective-dated link table from an owner to places (organisation_place for the
 * places an organisation serves, person_place for the places a person works in): reads
 * the open links, and opens and closes links so their history is kept.
 */
final class PlaceLinks {

	private final ApplyContext context;

	private final String openSql;

	private final String insertSql;

	private final String deleteSql;

	private final String closeSql;

	/** The links of {@code table}, whose owner is in {@code ownerColumn}. */
	PlaceLinks(ApplyContext context, String table, String ownerColumn) {
		this.context = context;
		this.openSql = """
				select %2$s as owner_id, place_id from %1$s where tenant_id = :t and valid_to is null"""
			.formatted(table, ownerColumn);
		this.insertSql = """
				insert into %1$s (tenant_id, %2$s, place_id, valid_from) values (:t, :owner, :place, :from)"""
			.formatted(table, ownerColumn);
		this.deleteSql = """
				delete from %1$s where tenant_id = :t and %2$s = :owner and place_id = :place and valid_to is null
				  and valid_from >= :when""".formatted(table, ownerColumn);
		this.closeSql = """
				update %1$s set valid_to = :when
				where tenant_id = :t and %2$s = :owner and place_id = :place and valid_to is null""".formatted(table,
				ownerColumn);
	}

	/** The places of open links (valid_to is null), by owner. */
	Map<Long, Set<Long>> open() {
		Map<Long, Set<Long>> links = new HashMap<>();
		this.context.jdbc().sql(this.openSql).param("t", this.context.tenantId()).query(rs -> {
			links.computeIfAbsent(rs.getLong("owner_id"), k -> new HashSet<>()).add(rs.getLong("place_id"));
		});
		return links;
	}

	/**
	 * Makes the owner's open links the {@code wanted} places: links no longer wanted are
	 * closed at the effective date, new ones open on {@code from}. Returns whether
	 * anything changed.
	 */
	boolean sync(long ownerId, Set<Long> current, Set<Long> wanted, LocalDate from) {
		Set<Long> now = current == null ? Set.of() : current;
		if (now.equals(wanted)) {
			return false;
		}
		for (Long gone : now) {
			if (!wanted.contains(gone)) {
				close(ownerId, gone);
			}
		}
		for (Long added : wanted) {
			if (!now.contains(added)) {
				this.context.jdbc()
					.sql(this.insertSql)
					.param("t", this.context.tenantId())
					.param("owner", ownerId)
					.param("place", added)
					.param("from", ApplyContext.date(from))
					.update();
			}
		}
		return true;
	}

	/**
	 * Ends a link at the effective date; a link that only began on or after that date is
	 * removed.
	 */
	void close(long ownerId, long placeId) {
		var when = ApplyContext.date(this.context.effective());
		this.context.jdbc()
			.sql(this.deleteSql)
			.param("t", this.context.tenantId())
			.param("owner", ownerId)
			.param("place", placeId)
			.param("when", when)
			.update();
		this.context.jdbc()
			.sql(this.closeSql)
			.param("when", when)
			.param("t", this.context.tenantId())
			.param("owner", ownerId)
			.param("place", placeId)
			.update();
	}

}
