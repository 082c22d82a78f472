package app.balcony.system.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import app.balcony.system.GovernanceType;
import app.balcony.system.Level;
import app.balcony.system.Sector;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;

/**
 * Typed rows of each import kind, and a batch of them. The demo generator builds a batch
 * directly; files are parsed into one by {@link RowParser}. Ids are the file's own
 * identifiers.
 */
public final class Rows {

	private Rows() {
	}

	/** Where a row came from, for error messages. */
	public record Origin(String file, int row) {

		public static Origin generated() {
			return new Origin("generated", 0);
		}

	}

	public record PlaceRow(Origin origin, String id, String name, Level level, String parentId, Integer population,
			LocalDate validFrom, LocalDate validTo, List<String> predecessorIds) {
	}

	public record OrganisationRow(Origin origin, String id, String name, Sector sector, String parentId,
			List<String> placesServed, LocalDate validFrom, LocalDate validTo, List<String> predecessorIds) {
	}

	public record PersonRow(Origin origin, String id, String name, String email, String jobTitle, StaffGroup staffGroup,
			Seniority seniority, List<String> places) {
	}

	public record BodyRow(Origin origin, String id, String name, GovernanceType type, String placeId,
			LocalDate validFrom, LocalDate validTo) {
	}

	public record MembershipRow(Origin origin, String personId, String organisationId, String bodyId, String role,
			LocalDate validFrom, LocalDate validTo) {
	}

	/** Everything one import brings, across files. */
	public static final class Batch {

		public final List<PlaceRow> places = new ArrayList<>();

		public final List<OrganisationRow> organisations = new ArrayList<>();

		public final List<PersonRow> people = new ArrayList<>();

		public final List<BodyRow> bodies = new ArrayList<>();

		public final List<MembershipRow> memberships = new ArrayList<>();

		public int size() {
			return places.size() + organisations.size() + people.size() + bodies.size() + memberships.size();
		}

	}

}
