package app.balcony.assessment;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import app.balcony.identity.AuditLog;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.shared.SideTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Heatmap views reserved before a campaign's results open, in order (e.g. "place by
 * dimension" for the board paper). Every figure released from a campaign counts against
 * every later one, for everyone, so the first views decided get the most; reserved views
 * are decided first, before anyone's exploring, and so cannot be spent by curiosity.
 * {@link Results} releases them before the first view anyone asks for.
 */
@Service
public class ReservedViews {

	/** At most this many per campaign. */
	static final int MAX = 20;

	/** A reserved view: the heatmap's level, one grouping (or all) and filters. */
	public record View(long id, String label, String level, String groupBy, List<String> filters, String reservedBy,
			LocalDate reservedOn, LocalDate releasedOn) {

		public boolean released() {
			return this.releasedOn != null;
		}

	}

	private final JdbcClient jdbc;

	private final Campaigns campaigns;

	private final AuditLog audit;

	private final SideTransactions side;

	ReservedViews(JdbcClient jdbc, Campaigns campaigns, AuditLog audit, SideTransactions side) {
		this.jdbc = jdbc;
		this.side = side;
		this.campaigns = campaigns;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<View> list(long tenantId, long campaignId) {
		this.campaigns.find(tenantId, campaignId);
		return views(tenantId, campaignId, false);
	}

	List<View> views(long tenantId, long campaignId, boolean pendingOnly) {
		return this.jdbc
			.sql("select id, label, level_key, group_by, filters, reserved_by, reserved_on, released_on "
					+ "from campaign_reserved_view where tenant_id = :tenant and campaign_id = :campaign"
					+ (pendingOnly ? " and released_on is null" : "") + " order by id")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.query((rs, n) -> new View(rs.getLong("id"), rs.getString("label"), rs.getString("level_key"),
					rs.getString("group_by"),
					rs.getString("filters") == null || rs.getString("filters").isEmpty() ? List.of()
							: List.of(rs.getString("filters").split("\n")),
					rs.getString("reserved_by"), rs.getDate("reserved_on").toLocalDate(),
					rs.getDate("released_on") == null ? null : rs.getDate("released_on").toLocalDate()))
			.list();
	}

	/**
	 * Reserves a view, before the campaign's results open. {@code level} dimension,
	 * element or item; {@code groupBy} one grouping or blank for all; filters
	 * attribute:value.
	 */
	@Transactional
	public View reserve(long tenantId, String actor, long campaignId, String label, String level, String groupBy,
			List<String> filters) {
		Campaigns.Campaign c = this.campaigns.find(tenantId, campaignId);
		if (c.resultsOpen()) {
			throw new BadRequestException("Views can be reserved only before the results open; these are open.");
		}
		if (c.instrument().network()) {
			throw new BadRequestException("A network survey's results are its wave of ties; nothing to reserve.");
		}
		Results.Detail detail = Results.Detail.parse(level == null ? "" : level);
		Grouping grouping = groupBy == null || groupBy.isBlank() ? null : Grouping.parse(groupBy);
		List<String> clean = new ArrayList<>();
		if (filters != null) {
			for (String f : filters) {
				if (f != null && !f.isBlank()) {
					clean.add(Results.Filter.parse(f.strip()).param());
				}
			}
		}
		String shown = switch (detail) {
			case DIMENSION -> "dimensions";
			case ELEMENT -> "elements";
			case ITEM -> "statements";
		};
		String name = label == null || label.isBlank()
				? (grouping == null ? "Every grouping" : grouping.label()) + " by " + shown : label.strip();
		if (name.length() > 200) {
			throw new BadRequestException("label: at most 200 characters");
		}
		if (String.join("\n", clean).length() > 1000) {
			throw new BadRequestException("filter: too many filters");
		}
		if (views(tenantId, campaignId, false).size() >= MAX) {
			throw new BadRequestException("At most " + MAX + " views can be reserved for a campaign.");
		}
		this.jdbc.sql("""
				insert into campaign_reserved_view (tenant_id, campaign_id, label, level_key, group_by, filters,
				    reserved_by, reserved_on)
				values (:tenant, :campaign, :label, :level, :groupBy, :filters, :reservedBy, :reservedOn)
				""")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.param("label", name)
			.param("level", detail.name().toLowerCase())
			.param("groupBy", grouping == null ? null : grouping.param())
			.param("filters", String.join("\n", clean))
			.param("reservedBy", actor)
			.param("reservedOn", Date.valueOf(LocalDate.now()))
			.update();
		this.audit.record(tenantId, actor, "CAMPAIGN_VIEW_RESERVED", "campaign " + campaignId, name);
		List<View> all = views(tenantId, campaignId, false);
		return all.get(all.size() - 1);
	}

	@Transactional
	public void remove(long tenantId, String actor, long campaignId, long viewId) {
		Campaigns.Campaign c = this.campaigns.find(tenantId, campaignId);
		if (c.resultsOpen()) {
			throw new BadRequestException("The results are open: reserved views have been released.");
		}
		int removed = this.jdbc.sql(
				"delete from campaign_reserved_view where tenant_id = :tenant and campaign_id = :campaign and id = :id")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.param("id", viewId)
			.update();
		if (removed == 0) {
			throw new NotFoundException("No reserved view " + viewId);
		}
		this.audit.record(tenantId, actor, "CAMPAIGN_VIEW_UNRESERVED", "campaign " + campaignId, "view " + viewId);
	}

	/**
	 * Marks views released (in a transaction of its own on the side pool: results are
	 * read-only).
	 */
	public void released(long tenantId, List<Long> ids) {
		this.side.run(() -> {
			for (long id : ids) {
				this.side.jdbc()
					.sql("""
							update campaign_reserved_view set released_on = :releasedOn
							where tenant_id = :tenant and id = :id and released_on is null
							""")
					.param("releasedOn", Date.valueOf(LocalDate.now()))
					.param("tenant", tenantId)
					.param("id", id)
					.update();
			}
		});
	}

}
