package app.balcony.system.web;

import java.time.LocalDate;

import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.PageResult;
import app.balcony.shared.web.AsOf;
import app.balcony.system.GovernanceType;
import app.balcony.system.Level;
import app.balcony.system.Sector;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;
import app.balcony.system.SystemQueries;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages that show the system: overview, places, organisations, people, governance,
 * the hierarchy map and search. Every page that shows structure accepts
 * {@code ?asOf=yyyy-mm-dd}.
 */
@Controller
class SystemPagesController {

	private final SystemQueries queries;

	SystemPagesController(SystemQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/")
	String overview(@AuthenticationPrincipal BalconyUser user, @AsOf LocalDate asOf, Model model) {
		LocalDate date = asOf;
		model.addAttribute("overview", this.queries.overview(user.tenantId(), date));
		model.addAttribute("asOf", date);
		model.addAttribute("isToday", date.equals(LocalDate.now()));
		return "system/overview";
	}

	@GetMapping("/places/{id}")
	String place(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @AsOf LocalDate asOf, Model model) {
		LocalDate date = asOf;
		model.addAttribute("detail", this.queries.place(user.tenantId(), id, date));
		model.addAttribute("asOf", date);
		return "system/place";
	}

	@GetMapping("/organisations")
	String organisations(@AuthenticationPrincipal BalconyUser user, @AsOf LocalDate asOf,
			@RequestParam(required = false) String sector, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, Model model) {
		LocalDate date = asOf;
		Sector chosen = parseSector(sector);
		model.addAttribute("results", this.queries.organisations(user.tenantId(), date, chosen, q,
				PageResult.clampPage(page), PageResult.DEFAULT_SIZE));
		model.addAttribute("sectors", Sector.values());
		model.addAttribute("sector", chosen);
		model.addAttribute("q", q);
		model.addAttribute("asOf", date);
		return "system/organisations";
	}

	@GetMapping("/organisations/{id}")
	String organisation(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @AsOf LocalDate asOf,
			@RequestParam(required = false) Integer page, Model model) {
		LocalDate date = asOf;
		model.addAttribute("detail", this.queries.organisation(user.tenantId(), id, date, PageResult.clampPage(page),
				PageResult.DEFAULT_SIZE));
		model.addAttribute("asOf", date);
		return "system/organisation";
	}

	@GetMapping("/people")
	String people(@AuthenticationPrincipal BalconyUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) Long organisation, @RequestParam(required = false) String staffGroup,
			@RequestParam(required = false) String seniority, @RequestParam(required = false) Integer page,
			Model model) {
		StaffGroup group = blank(staffGroup) ? null : StaffGroup.parse(staffGroup);
		Seniority band = blank(seniority) ? null : Seniority.parse(seniority);
		if ((!blank(staffGroup) && group == null) || (!blank(seniority) && band == null)) {
			throw new BadRequestException("Unknown staff group or seniority");
		}
		model.addAttribute("results", this.queries.people(user, q, organisation, group, band,
				PageResult.clampPage(page), PageResult.DEFAULT_SIZE));
		model.addAttribute("q", q);
		model.addAttribute("organisation", organisation);
		model.addAttribute("staffGroup", group);
		model.addAttribute("seniority", band);
		model.addAttribute("staffGroups", StaffGroup.values());
		model.addAttribute("seniorities", Seniority.values());
		return "system/people";
	}

	@GetMapping("/people/{id}")
	String person(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		model.addAttribute("detail", this.queries.person(user, id));
		return "system/person";
	}

	@GetMapping("/governance")
	String governance(@AuthenticationPrincipal BalconyUser user, @AsOf LocalDate asOf, Model model) {
		LocalDate date = asOf;
		model.addAttribute("bodies", this.queries.governanceBodies(user.tenantId(), date));
		model.addAttribute("types", GovernanceType.values());
		model.addAttribute("asOf", date);
		return "system/governance";
	}

	@GetMapping("/governance/{id}")
	String body(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @AsOf LocalDate asOf, Model model) {
		LocalDate date = asOf;
		model.addAttribute("detail", this.queries.governanceBody(user.tenantId(), id, date));
		model.addAttribute("asOf", date);
		return "system/body";
	}

	@GetMapping("/places")
	String places(@AuthenticationPrincipal BalconyUser user, @AsOf LocalDate asOf, Model model) {
		LocalDate date = asOf;
		model.addAttribute("nodes", this.queries.hierarchy(user.tenantId(), date));
		model.addAttribute("asOf", date);
		return "system/map";
	}

	@GetMapping("/map")
	String map(@AuthenticationPrincipal BalconyUser user, @AsOf LocalDate asOf, Model model) {
		return places(user, asOf, model);
	}

	@GetMapping("/search")
	String search(@AuthenticationPrincipal BalconyUser user, @RequestParam(required = false) String q, Model model) {
		model.addAttribute("results", this.queries.search(user, q, 20));
		model.addAttribute("q", q);
		return "system/search";
	}

	static Sector parseSector(String sector) {
		if (blank(sector)) {
			return null;
		}
		Sector parsed = Sector.parse(sector);
		if (parsed == null) {
			throw new BadRequestException("Unknown sector '" + sector + "'; use one of: " + Sector.allowed());
		}
		return parsed;
	}

	static Level parseLevel(String level) {
		if (blank(level)) {
			return null;
		}
		Level parsed = Level.parse(level);
		if (parsed == null) {
			throw new BadRequestException("Unknown level '" + level + "'; use one of: " + Level.allowed());
		}
		return parsed;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

}
