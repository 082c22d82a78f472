package app.balcony.system;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

import app.balcony.system.Views.BodySummary;
import app.balcony.system.Views.MemberView;
import app.balcony.system.Views.MembershipView;
import app.balcony.system.Views.OrganisationSummary;
import app.balcony.system.Views.PersonSummary;
import app.balcony.system.Views.PlaceSummary;

import org.springframework.jdbc.core.RowMapper;

/**
 * The rows the system queries read, mapped by column name, and the selects they share. A
 * place, organisation or governance body row is the table's own columns; a person row
 * adds the name of their first current organisation ({@code organisation}); a member row
 * is a person with the role and dates of their membership; a membership row is the
 * organisation or body ({@code target_id}, {@code target_name}) with its role, dates and
 * whether it is in force ({@code current_flag}).
 */
final class SystemRows {

	/**
	 * A person with the name of their first current organisation (alphabetically) as
	 * {@code organisation}, from {@code person p} of tenant {@code :t}; the caller adds
	 * its conditions with {@code and}.
	 */
	static final String PERSON_WITH_ORGANISATION = """
			select p.*,
			  (select min(o.name) from organisation_membership m join organisation o on o.id = m.organisation_id
			   where m.person_id = p.id and %s) as organisation
			from person p where p.tenant_id = :t""".formatted(EffectiveDating.inForce("m"));

	/**
	 * A governance body with the name of its place as {@code place_name}, from
	 * {@code governance_body b} of tenant {@code :t}; the caller adds its conditions with
	 * {@code and}.
	 */
	static final String BODY_WITH_PLACE = """
			select b.*, p.name as place_name from governance_body b left join place p on p.id = b.place_id
			where b.tenant_id = :t""";

	private SystemRows() {
	}

	/** A place row, its level named as the tenant names it. */
	static RowMapper<PlaceSummary> place(Map<Level, String> names) {
		return (rs, n) -> {
			Level level = Level.valueOf(rs.getString("level_key"));
			int population = rs.getInt("population");
			return new PlaceSummary(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), level,
					names.get(level), rs.wasNull() ? null : population, date(rs, "valid_from"), date(rs, "valid_to"));
		};
	}

	static OrganisationSummary organisation(ResultSet rs, int n) throws SQLException {
		Sector sector = Sector.valueOf(rs.getString("sector"));
		return new OrganisationSummary(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), sector,
				sector.label(), sector.group(), date(rs, "valid_from"), date(rs, "valid_to"));
	}

	/** A person row; the e-mail address only {@code withContact}. */
	static PersonSummary person(ResultSet rs, boolean withContact) throws SQLException {
		return new PersonSummary(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"),
				rs.getString("job_title"), StaffGroup.valueOf(rs.getString("staff_group")),
				Seniority.valueOf(rs.getString("seniority")), withContact ? rs.getString("email") : null,
				rs.getString("organisation"));
	}

	static BodySummary body(ResultSet rs, int n) throws SQLException {
		GovernanceType type = GovernanceType.valueOf(rs.getString("body_type"));
		long placeId = rs.getLong("place_id");
		return new BodySummary(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), type, type.label(),
				rs.wasNull() ? null : placeId, rs.getString("place_name"), date(rs, "valid_from"),
				date(rs, "valid_to"));
	}

	/**
	 * A member: {@code person_id}, {@code name}, {@code job_title}, {@code role},
	 * {@code valid_from}, {@code valid_to}.
	 */
	static MemberView member(ResultSet rs, int n) throws SQLException {
		return new MemberView(rs.getLong("person_id"), rs.getString("name"), rs.getString("job_title"),
				rs.getString("role"), rs.getDate("valid_from").toLocalDate(), date(rs, "valid_to"));
	}

	/**
	 * A membership: {@code target_id}, {@code target_name}, {@code role},
	 * {@code valid_from}, {@code valid_to}, {@code current_flag} (1 when in force).
	 */
	static MembershipView membership(ResultSet rs, int n) throws SQLException {
		return new MembershipView(rs.getLong("target_id"), rs.getString("target_name"), rs.getString("role"),
				rs.getDate("valid_from").toLocalDate(), date(rs, "valid_to"), rs.getInt("current_flag") == 1);
	}

	static LocalDate date(ResultSet rs, String column) throws SQLException {
		Date date = rs.getDate(column);
		return date == null ? null : date.toLocalDate();
	}

}
