package app.balcony.assessment.web;

import java.util.ArrayList;
import java.util.List;

import app.balcony.assessment.Campaigns;
import app.balcony.assessment.Grouping;
import app.balcony.assessment.HeatmapExport;
import app.balcony.assessment.Instrument;
import app.balcony.assessment.ItemBank;
import app.balcony.assessment.ReservedViews;
import app.balcony.assessment.Results;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.TableExport;
import app.balcony.shared.web.Downloads;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns and their results for analysts and admins (JSON, CSV and XLSX). */
@RestController
@RequestMapping("/api/v1/assessment")
@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST')")
class AssessmentApiController {

	private final Campaigns campaigns;

	private final Results results;

	private final ReservedViews reserved;

	private final app.balcony.shared.PublicUrl publicUrl;

	AssessmentApiController(Campaigns campaigns, Results results, ReservedViews reserved,
			app.balcony.shared.PublicUrl publicUrl) {
		this.publicUrl = publicUrl;
		this.reserved = reserved;
		this.campaigns = campaigns;
		this.results = results;
	}

	@GetMapping("/instruments")
	List<Instrument> instruments() {
		return ItemBank.instruments();
	}

	@GetMapping("/campaigns")
	List<Campaigns.Campaign> list(@AuthenticationPrincipal BalconyUser user) {
		return this.campaigns.list(user.tenantId());
	}

	/** Creates a campaign as a draft, with an invitation for everyone in the audience. */
	@PostMapping("/campaigns")
	ResponseEntity<Campaigns.Campaign> create(@AuthenticationPrincipal BalconyUser user,
			@RequestBody Campaigns.Draft draft) {
		long id = this.campaigns.create(user.tenantId(), user.getUsername(), draft);
		return ResponseEntity.status(201).body(this.campaigns.find(user.tenantId(), id));
	}

	@GetMapping("/campaigns/{id}")
	Campaigns.Campaign campaign(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.campaigns.find(user.tenantId(), id);
	}

	@PostMapping("/campaigns/{id}/open")
	Campaigns.Campaign open(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		this.campaigns.open(user.tenantId(), user.getUsername(), id);
		return this.campaigns.find(user.tenantId(), id);
	}

	@PostMapping("/campaigns/{id}/close")
	Campaigns.Campaign close(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		this.campaigns.close(user.tenantId(), user.getUsername(), id);
		return this.campaigns.find(user.tenantId(), id);
	}

	/** Response rates by a grouping of the people invited; small groups are pooled. */
	@GetMapping("/campaigns/{id}/rates")
	List<Campaigns.Rate> rates(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "place") String groupBy) {
		return this.campaigns.rates(user.tenantId(), id, Grouping.parse(groupBy));
	}

	/**
	 * Everyone's survey link, to hand out by hand (e.g. a mail-merge): an explicit
	 * decision with a {@code reason}, audited and shown with the results, since whoever
	 * holds the links can answer for anyone who has not. By default Balcony mails each
	 * person their own link ({@code POST /campaigns/{id}/mail}) and nobody sees them.
	 */
	@PostMapping("/campaigns/{id}/links.csv")
	ResponseEntity<byte[]> links(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, jakarta.servlet.http.HttpServletRequest request) {
		return linksCsv(this.campaigns, user, id, reason, this.publicUrl.base());
	}

	@GetMapping("/campaigns/{id}/links.csv")
	ResponseEntity<byte[]> linksByGet(@PathVariable long id) {
		throw new app.balcony.shared.BadRequestException("Handing out links by hand is a decision: POST to this "
				+ "address with a 'reason' (shown with the results). Balcony can mail each person their own link instead.");
	}

	static ResponseEntity<byte[]> linksCsv(Campaigns campaigns, BalconyUser user, long id, String reason, String base) {
		List<List<Object>> rows = new ArrayList<>();
		for (Campaigns.Link l : campaigns.links(user.tenantId(), user.getUsername(), id, reason)) {
			rows.add(List.of(l.name() == null ? "" : l.name(), l.email() == null ? "" : l.email(),
					base + "/s/" + l.token(), l.status().toLowerCase()));
		}
		byte[] csv = TableExport
			.csv(new TableExport.Table("links", List.of("name", "email", "link", "status"), List.copyOf(rows)));
		return Downloads.file("campaign-" + id + "-links.csv", Downloads.CSV, csv);
	}

	/**
	 * The heatmap: {@code level} dimension, element or item; {@code groupBy} one grouping
	 * (all when absent); {@code filter} attribute:value, repeatable. Every figure has
	 * been through the anonymity engine for the caller.
	 */
	@GetMapping("/campaigns/{id}/heatmap")
	Results.Heatmap heatmap(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "dimension") String level, @RequestParam(required = false) String groupBy,
			@RequestParam(required = false) List<String> filter) {
		return heatmapOf(user, id, level, groupBy, filter);
	}

	/** Views reserved to be released first when the results open. */
	@GetMapping("/campaigns/{id}/reserved-views")
	List<ReservedViews.View> reservedViews(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.reserved.list(user.tenantId(), id);
	}

	/** What to reserve: a heatmap's level, one grouping (blank: all) and filters. */
	public record Reservation(String label, String level, String groupBy, List<String> filter) {
	}

	/**
	 * Reserves a view (before the results open): released first, before anyone explores,
	 * so that exploring cannot withhold it.
	 */
	@PostMapping("/campaigns/{id}/reserved-views")
	ResponseEntity<ReservedViews.View> reserve(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@org.springframework.web.bind.annotation.RequestBody Reservation r) {
		return ResponseEntity.status(201)
			.body(this.reserved.reserve(user.tenantId(), user.getUsername(), id, r.label(),
					r.level() == null ? "dimension" : r.level(), r.groupBy(), r.filter()));
	}

	@org.springframework.web.bind.annotation.DeleteMapping("/campaigns/{id}/reserved-views/{viewId}")
	ResponseEntity<Void> unreserve(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@PathVariable long viewId) {
		this.reserved.remove(user.tenantId(), user.getUsername(), id, viewId);
		return ResponseEntity.noContent().build();
	}

	/** How the answers to one statement spread over the scale, by a grouping. */
	@GetMapping("/campaigns/{id}/distribution")
	Results.Distribution distribution(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam String item, @RequestParam(defaultValue = "place") String groupBy) {
		return this.results.distribution(user.tenantId(), user.getUsername(), id, item,
				groupBy.isBlank() ? null : Grouping.parse(groupBy));
	}

	/** Change from the baseline to this follow-up, group by group, with effect sizes. */
	@GetMapping("/campaigns/{id}/change")
	Results.Comparison change(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "dimension") String level,
			@RequestParam(defaultValue = "place") String groupBy) {
		return this.results.compare(user.tenantId(), user.getUsername(), id, Results.Detail.parse(level),
				groupBy.isBlank() ? null : Grouping.parse(groupBy));
	}

	@GetMapping("/campaigns/{id}/heatmap.{format}")
	ResponseEntity<byte[]> heatmapFile(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@PathVariable String format, @RequestParam(defaultValue = "dimension") String level,
			@RequestParam(required = false) String groupBy, @RequestParam(required = false) List<String> filter) {
		return export(heatmapOf(user, id, level, groupBy, filter), format);
	}

	private Results.Heatmap heatmapOf(BalconyUser user, long id, String level, String groupBy, List<String> filter) {
		return this.results.heatmap(user.tenantId(), user.getUsername(), id, level, groupBy, filter);
	}

	static ResponseEntity<byte[]> export(Results.Heatmap heatmap, String format) {
		TableExport.Table table = HeatmapExport.table(heatmap);
		String name = "campaign-" + heatmap.campaign().id() + "-" + heatmap.detail().name().toLowerCase() + "."
				+ format;
		return switch (format) {
			case "csv" -> Downloads.file(name, Downloads.CSV, TableExport.csv(table));
			case "xlsx" -> Downloads.file(name, Downloads.XLSX, TableExport.xlsx(List.of(table)));
			case "pdf" -> Downloads.file(name, Downloads.PDF, app.balcony.assessment.ResultsPdf.render(heatmap));
			default -> throw new BadRequestException("format: use csv, xlsx or pdf");
		};
	}

}
