package app.balcony.system;

import java.time.LocalDate;
import java.util.List;

import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.PageResult;
import app.balcony.system.Views.BodyDetail;
import app.balcony.system.Views.BodySummary;
import app.balcony.system.Views.HierarchyNode;
import app.balcony.system.Views.OrganisationDetail;
import app.balcony.system.Views.OrganisationSummary;
import app.balcony.system.Views.Overview;
import app.balcony.system.Views.PersonDetail;
import app.balcony.system.Views.PersonSummary;
import app.balcony.system.Views.PlaceDetail;
import app.balcony.system.Views.PlaceSummary;
import app.balcony.system.Views.Restructure;
import app.balcony.system.Views.SearchResults;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the system model for one tenant "as of" a date. Every query is filtered by the
 * caller's tenant, so an identifier from another tenant is simply not found (404), and
 * every structural fact is filtered by its validity period. Contact details are only
 * returned to roles allowed to see them, and opening a person's record is audited.
 * <p>
 * The façade of the system's read side and its transactions: the SQL lives in
 * {@link OverviewQueries}, {@link PlaceQueries}, {@link OrganisationQueries},
 * {@link PersonQueries}, {@link BodyQueries} and {@link SearchQueries}, their rows are
 * mapped by {@link SystemRows}.
 */
@Service
@Transactional(readOnly = true)
public class SystemQueries {

	private final OverviewQueries overview;

	private final PlaceQueries places;

	private final OrganisationQueries organisations;

	private final PersonQueries people;

	private final BodyQueries bodies;

	private final SearchQueries search;

	SystemQueries(JdbcClient jdbc, LevelNames levelNames, AuditLog audit) {
		this.overview = new OverviewQueries(jdbc, levelNames);
		this.places = new PlaceQueries(jdbc, levelNames);
		this.organisations = new OrganisationQueries(jdbc, levelNames);
		this.people = new PersonQueries(jdbc, levelNames, audit);
		this.bodies = new BodyQueries(jdbc);
		this.search = new SearchQueries(jdbc, levelNames);
	}

	public Overview overview(long tenantId, LocalDate asOf) {
		return this.overview.overview(tenantId, asOf);
	}

	/** Every restructure in the tenant's history, newest first. */
	public List<Restructure> restructures(long tenantId) {
		return this.overview.restructures(tenantId);
	}

	public PlaceDetail place(long tenantId, long placeId, LocalDate asOf) {
		return this.places.place(tenantId, placeId, asOf);
	}

	public List<PlaceSummary> places(long tenantId, LocalDate asOf, Level level) {
		return this.places.places(tenantId, asOf, level);
	}

	public PageResult<OrganisationSummary> organisations(long tenantId, LocalDate asOf, Sector sector, String query,
			int page, int size) {
		return this.organisations.organisations(tenantId, asOf, sector, query, page, size);
	}

	public OrganisationDetail organisation(long tenantId, long organisationId, LocalDate asOf, int page, int size) {
		return this.organisations.organisation(tenantId, organisationId, asOf, page, size);
	}

	public PageResult<PersonSummary> people(BalconyUser viewer, String query, Long organisationId,
			StaffGroup staffGroup, Seniority seniority, int page, int size) {
		return this.people.people(viewer, query, organisationId, staffGroup, seniority, page, size);
	}

	/**
	 * A person's record with their memberships over time. Audited: it is identifiable
	 * data.
	 */
	@Transactional
	public PersonDetail person(BalconyUser viewer, long personId) {
		return this.people.person(viewer, personId);
	}

	public List<BodySummary> governanceBodies(long tenantId, LocalDate asOf) {
		return this.bodies.governanceBodies(tenantId, asOf);
	}

	public BodyDetail governanceBody(long tenantId, long bodyId, LocalDate asOf) {
		return this.bodies.governanceBody(tenantId, bodyId, asOf);
	}

	/**
	 * The map of the hierarchy as of a date: system, its places, their neighbourhoods,
	 * each with the organisations that serve it. Places whose parent is not in force are
	 * shown at the top.
	 */
	public List<HierarchyNode> hierarchy(long tenantId, LocalDate asOf) {
		return this.places.hierarchy(tenantId, asOf);
	}

	public SearchResults search(BalconyUser viewer, String query, int limit) {
		return this.search.search(viewer, query, limit);
	}

}
