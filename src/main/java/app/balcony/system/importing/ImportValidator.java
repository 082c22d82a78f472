package app.balcony.system.importing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.balcony.system.ImportError;
import app.balcony.system.Level;
import app.balcony.system.importing.Rows.Origin;

/**
 * Checks that need more than one row: identifiers unique within the import, references
 * that resolve (to a row of this import or to data already in the tenant), parents at a
 * higher level, and no cycles in the place or organisation hierarchies. Runs in O(rows)
 * plus hierarchy depth.
 */
public final class ImportValidator {

	/** What the tenant already holds, by the file identifiers. */
	public record Existing(Map<String, Level> placeLevels, Map<String, String> placeParents,
			Map<String, String> organisationParents, Set<String> people, Set<String> bodies) {

		public static Existing none() {
			return new Existing(Map.of(), Map.of(), Map.of(), Set.of(), Set.of());
		}

	}

	private final List<ImportError> errors;

	private ImportValidator(List<ImportError> errors) {
		this.errors = errors;
	}

	public static void validate(Rows.Batch batch, Existing existing, List<ImportError> errors) {
		new ImportValidator(errors).run(batch, existing);
	}

	private void run(Rows.Batch batch, Existing existing) {
		Map<String, Level> placeLevels = new HashMap<>(existing.placeLevels());
		Map<String, String> placeParents = new HashMap<>(existing.placeParents());
		Set<String> seen = new HashSet<>();
		for (var row : batch.places) {
			if (!seen.add(row.id())) {
				error(row.origin(), "place_id", "'" + row.id() + "' appears more than once in this import");
			}
			placeLevels.put(row.id(), row.level());
			placeParents.put(row.id(), row.parentId());
		}
		for (var row : batch.places) {
			if (row.parentId() != null) {
				Level parentLevel = placeLevels.get(row.parentId());
				if (parentLevel == null) {
					error(row.origin(), "parent_place_id", "No place with place_id '" + row.parentId() + "'");
				}
				else if (parentLevel.ordinal() >= row.level().ordinal()) {
					error(row.origin(), "parent_place_id", "A " + row.level().key() + " cannot sit inside a "
							+ parentLevel.key() + " ('" + row.parentId() + "'); the parent must be a higher level");
				}
				else if (cycles(row.id(), placeParents)) {
					error(row.origin(), "parent_place_id", "The parents of '" + row.id() + "' lead back to itself");
				}
			}
			for (String predecessor : row.predecessorIds()) {
				if (!placeLevels.containsKey(predecessor)) {
					error(row.origin(), "predecessor_place_ids", "No place with place_id '" + predecessor + "'");
				}
			}
		}

		Map<String, String> organisationParents = new HashMap<>(existing.organisationParents());
		seen.clear();
		for (var row : batch.organisations) {
			if (!seen.add(row.id())) {
				error(row.origin(), "organisation_id", "'" + row.id() + "' appears more than once in this import");
			}
			organisationParents.put(row.id(), row.parentId());
		}
		for (var row : batch.organisations) {
			if (row.parentId() != null) {
				if (!organisationParents.containsKey(row.parentId())) {
					error(row.origin(), "parent_organisation_id",
							"No organisation with organisation_id '" + row.parentId() + "'");
				}
				else if (cycles(row.id(), organisationParents)) {
					error(row.origin(), "parent_organisation_id",
							"The parents of '" + row.id() + "' lead back to itself");
				}
			}
			for (String place : row.placesServed()) {
				if (!placeLevels.containsKey(place)) {
					error(row.origin(), "places_served", "No place with place_id '" + place + "'");
				}
			}
			for (String predecessor : row.predecessorIds()) {
				if (!organisationParents.containsKey(predecessor)) {
					error(row.origin(), "predecessor_organisation_ids",
							"No organisation with organisation_id '" + predecessor + "'");
				}
			}
		}

		Set<String> people = new HashSet<>(existing.people());
		seen.clear();
		for (var row : batch.people) {
			if (!seen.add(row.id())) {
				error(row.origin(), "person_id", "'" + row.id() + "' appears more than once in this import");
			}
			people.add(row.id());
			for (String place : row.places()) {
				if (!placeLevels.containsKey(place)) {
					error(row.origin(), "places", "No place with place_id '" + place + "'");
				}
			}
		}

		Set<String> bodies = new HashSet<>(existing.bodies());
		seen.clear();
		for (var row : batch.bodies) {
			if (!seen.add(row.id())) {
				error(row.origin(), "body_id", "'" + row.id() + "' appears more than once in this import");
			}
			bodies.add(row.id());
			if (row.placeId() != null && !placeLevels.containsKey(row.placeId())) {
				error(row.origin(), "place_id", "No place with place_id '" + row.placeId() + "'");
			}
		}

		seen.clear();
		for (var row : batch.memberships) {
			if (!people.contains(row.personId())) {
				error(row.origin(), "person_id", "No person with person_id '" + row.personId() + "'");
			}
			if (row.organisationId() != null && !organisationParents.containsKey(row.organisationId())) {
				error(row.origin(), "organisation_id",
						"No organisation with organisation_id '" + row.organisationId() + "'");
			}
			if (row.bodyId() != null && !bodies.contains(row.bodyId())) {
				error(row.origin(), "body_id", "No governance body with body_id '" + row.bodyId() + "'");
			}
			String key = row.personId() + "|" + row.organisationId() + "|" + row.bodyId() + "|" + row.validFrom();
			if (!seen.add(key)) {
				error(row.origin(), "valid_from", "The same membership (person, organisation or body, valid_from) "
						+ "appears more than once in this import");
			}
		}
	}

	private static boolean cycles(String start, Map<String, String> parents) {
		Set<String> visited = new HashSet<>();
		String current = start;
		while (current != null) {
			if (!visited.add(current)) {
				return true;
			}
			current = parents.get(current);
		}
		return false;
	}

	private void error(Origin origin, String column, String message) {
		this.errors.add(new ImportError(origin.file(), origin.row(), column, message));
	}

}
