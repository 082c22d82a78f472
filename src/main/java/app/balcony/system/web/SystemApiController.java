package app.balcony.system.web;

import java.time.LocalDate;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.PageResult;
import app.balcony.shared.web.AsOf;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;
import app.balcony.system.SystemQueries;
import app.balcony.system.Views;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The system model as JSON. Same data and permissions as the pages; every structural read
 * takes {@code asOf} (yyyy-mm-dd, default today).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "System", description = "Levels, places, organisations, people and governance, as of a date")
class SystemApiController {

	private static final String AS_OF = "Show the system as it was on this date (yyyy-mm-dd); default today";

	private final SystemQueries queries;

	SystemApiController(SystemQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/overview")
	@Operation(summary = "Counts by level, sector, staff group and governance type, and the restructures")
	Views.Overview overview(@AuthenticationPrincipal BalconyUser user, @Parameter(name = "asOf", in = ParameterIn.QUERY,
			description = AS_OF, schema = @Schema(type = "string", format = "date")) @AsOf LocalDate asOf) {
		return this.queries.overview(user.tenantId(), asOf);
	}

	@GetMapping("/places")
	@Operation(summary = "Places in force on the date, optionally of one level (system, place, neighbourhood)")
	List<Views.PlaceSummary> places(@AuthenticationPrincipal BalconyUser user,
			@Parameter(name = "asOf", in = ParameterIn.QUERY, description = AS_OF,
					schema = @Schema(type = "string", format = "date")) @AsOf LocalDate asOf,
			@RequestParam(required = false) String level) {
		return this.queries.places(user.tenantId(), asOf, SystemPagesController.parseLevel(level));
	}

	@GetMapping("/places/{id}")
	@Operation(summary = "A place with its parent, children, organisations, governance and history")
	Views.PlaceDetail place(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@Parameter(name = "asOf", in = ParameterIn.QUERY, description = AS_OF,
					schema = @Schema(type = "string", format = "date")) @AsOf LocalDate asOf) {
		return this.queries.place(user.tenantId(), id, asOf);
	}

	@GetMapping("/hierarchy")
	@Operation(summary = "The hierarchy: system, places, neighbourhoods, with the organisations serving each")
	List<Views.HierarchyNode> hierarchy(@AuthenticationPrincipal BalconyUser user,
			@Parameter(name = "asOf", in = ParameterIn.QUERY, description = AS_OF,
					schema = @Schema(type = "string", format = "date")) @AsOf LocalDate asOf) {
		return this.queries.hierarchy(user.tenantId(), asOf);
	}

	@GetMapping("/organisations")
	@Operation(summary = "Organisations in force on the date, filtered by sector and name, paged")
	PageResult<Views.OrganisationSummary> organisations(@AuthenticationPrincipal BalconyUser user,
			@Parameter(name = "asOf", in = ParameterIn.QUERY, description = AS_OF,
					schema = @Schema(type = "string", format = "date")) @AsOf LocalDate asOf,
			@RequestParam(required = false) String sector, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.queries.organisations(user.tenantId(), asOf, SystemPagesController.parseSector(sector), q,
				PageResult.clampPage(page), PageResult.clampSize(size));
	}

	@GetMapping("/organisations/{id}")
	@Operation(summary = "An organisation with parent, children, places served, members (paged) and history")
	Views.OrganisationDetail organisation(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@Parameter(name = "asOf", in = ParameterIn.QUERY, description = AS_OF,
					schema = @Schema(type = "string", format = "date")) @AsOf LocalDate asOf,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.queries.organisation(user.tenantId(), id, asOf, PageResult.clampPage(page),
				PageResult.clampSize(size));
	}

	@GetMapping("/people")
	@Operation(summary = "People, filtered by name or job title, organisation, staff group and seniority, paged. "
			+ "E-mail addresses are only returned to admins and analysts.")
	PageResult<Views.PersonSummary> people(@AuthenticationPrincipal BalconyUser user,
			@RequestParam(required = false) String q, @RequestParam(required = false) Long organisation,
			@RequestParam(required = false) String staffGroup, @RequestParam(required = false) String seniority,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		StaffGroup group = staffGroup == null || staffGroup.isBlank() ? null : StaffGroup.parse(staffGroup);
		Seniority band = seniority == null || seniority.isBlank() ? null : Seniority.parse(seniority);
		if (staffGroup != null && !staffGroup.isBlank() && group == null) {
			throw new BadRequestException("Unknown staffGroup '" + staffGroup + "'; use clinical or non_clinical");
		}
		if (seniority != null && !seniority.isBlank() && band == null) {
			throw new BadRequestException("Unknown seniority '" + seniority + "'; use one of: " + Seniority.allowed());
		}
		return this.queries.people(user, q, organisation, group, band, PageResult.clampPage(page),
				PageResult.clampSize(size));
	}

	@GetMapping("/people/{id}")
	@Operation(summary = "A person with their memberships over time (access is audited)")
	Views.PersonDetail person(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.queries.person(user, id);
	}

	@GetMapping("/governance-bodies")
	@Operation(summary = "Governance bodies in force on the date")
	List<Views.BodySummary> bodies(@AuthenticationPrincipal BalconyUser user,
			@Parameter(name = "asOf", in = ParameterIn.QUERY, description = AS_OF,
					schema = @Schema(type = "string", format = "date")) @AsOf LocalDate asOf) {
		return this.queries.governanceBodies(user.tenantId(), asOf);
	}

	@GetMapping("/governance-bodies/{id}")
	@Operation(summary = "A governance body and its members on the date")
	Views.BodyDetail body(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@Parameter(name = "asOf", in = ParameterIn.QUERY, description = AS_OF,
					schema = @Schema(type = "string", format = "date")) @AsOf LocalDate asOf) {
		return this.queries.governanceBody(user.tenantId(), id, asOf);
	}

	@GetMapping("/search")
	@Operation(summary = "Places, organisations, people and governance bodies whose name matches")
	Views.SearchResults search(@AuthenticationPrincipal BalconyUser user, @RequestParam String q) {
		return this.queries.search(user, q, 20);
	}

}
