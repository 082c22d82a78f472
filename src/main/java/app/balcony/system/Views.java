package app.balcony.system;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.balcony.shared.PageResult;

/**
 * What the pages, the API and the CLI show of the system model. Records only; never
 * entities.
 */
public final class Views {

	private Views() {
	}

	public record PlaceSummary(long id, String externalId, String name, Level level, String levelName,
			Integer population, LocalDate validFrom, LocalDate validTo) {
	}

	public record OrganisationSummary(long id, String externalId, String name, Sector sector, String sectorLabel,
			String sectorGroup, LocalDate validFrom, LocalDate validTo) {
	}

	public record PersonSummary(long id, String externalId, String name, String jobTitle, StaffGroup staffGroup,
			Seniority seniority, String email, String organisation) {
	}

	public record BodySummary(long id, String externalId, String name, GovernanceType type, String typeLabel,
			Long placeId, String placeName, LocalDate validFrom, LocalDate validTo) {
	}

	/** A person's membership of an organisation or governance body. */
	public record MembershipView(long targetId, String targetName, String role, LocalDate validFrom, LocalDate validTo,
			boolean current) {
	}

	/** A member of an organisation or governance body. */
	public record MemberView(long personId, String name, String jobTitle, String role, LocalDate validFrom,
			LocalDate validTo) {
	}

	public record Count(String key, String label, long count) {
	}

	public record PlaceWithCounts(PlaceSummary place, long neighbourhoods, long organisations) {
	}

	/** A restructure: places or organisations replaced by others on a date. */
	public record Restructure(LocalDate date, String kind, List<String> before, List<String> after) {
	}

	public record Overview(LocalDate asOf, String levelSystem, String levelPlace, String levelNeighbourhood,
			PlaceSummary system, List<PlaceWithCounts> places, long neighbourhoods, long organisations, long people,
			long governanceBodies, List<Count> organisationsBySector, List<Count> peopleByStaffGroup,
			List<Count> peopleBySeniority, List<Count> bodiesByType, List<Restructure> restructures) {
	}

	public record PlaceDetail(LocalDate asOf, PlaceSummary place, PlaceSummary parent, List<PlaceSummary> children,
			List<OrganisationSummary> organisations, List<BodySummary> bodies, List<PlaceSummary> predecessors,
			List<PlaceSummary> successors, long people) {
	}

	public record OrganisationDetail(LocalDate asOf, OrganisationSummary organisation, OrganisationSummary parent,
			List<OrganisationSummary> children, List<PlaceSummary> placesServed, PageResult<MemberView> members,
			List<OrganisationSummary> predecessors, List<OrganisationSummary> successors) {
	}

	public record PersonDetail(PersonSummary person, List<MembershipView> organisations,
			List<MembershipView> governanceBodies, List<PlaceSummary> places) {
	}

	public record BodyDetail(LocalDate asOf, BodySummary body, List<MemberView> members) {
	}

	/**
	 * A node of the hierarchy map: a place, the organisations serving it, and the places
	 * within it.
	 */
	public record HierarchyNode(PlaceSummary place, List<OrganisationSummary> organisations,
			List<HierarchyNode> children) {
	}

	/**
	 * A person with the attributes analyses group by: current organisation and its
	 * sector, the place they work in, staff group and seniority (null where not
	 * recorded).
	 */
	public record PersonAttributes(long id, String externalId, String name, String organisation, String sector,
			String sectorKey, String place, String staffGroup, String seniority) {
	}

	/** Names of people and organisations, for redaction. */
	public record KnownNames(List<String> people, List<String> organisations) {
	}

	public record SearchResults(String query, List<PlaceSummary> places, List<OrganisationSummary> organisations,
			List<PersonSummary> people, List<BodySummary> governanceBodies) {

		public int total() {
			return places.size() + organisations.size() + people.size() + governanceBodies.size();
		}

	}

	/**
	 * What a survey records about a respondent: where they work on the day they answer
	 * (the place, and the neighbourhood when they work in one), their first current
	 * organisation and its sector, the level of their place, staff group, seniority and
	 * the governance bodies they sit on. Null where not recorded.
	 */
	public record Profile(long personId, String name, String email, Long placeId, Long neighbourhoodId,
			Long organisationId, String sector, String level, String staffGroup, String seniority,
			java.util.Set<Long> bodyIds) {
	}

	/**
	 * Names of places, organisations and governance bodies by id, for labelling reports.
	 */
	/** A person as a survey respondent sees them in the roster: no contact details. */
	public record RosterEntry(long personId, String name, String jobTitle, Long organisationId, String organisation) {
	}

	public record Names(Map<Long, String> places, Map<Long, String> organisations, Map<Long, String> bodies) {
	}

}
