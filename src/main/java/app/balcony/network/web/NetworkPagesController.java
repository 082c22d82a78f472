package app.balcony.network.web;

import java.io.IOException;
import java.time.LocalDate;

import app.balcony.identity.BalconyUser;
import app.balcony.network.NetworkService;
import app.balcony.network.NetworkViews;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.Dates;
import app.balcony.shared.web.Downloads;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Relationships across boundaries: waves of ties, their import, and each wave's analysis.
 * Everyone signed in sees group-level findings and the matrix; only analysts and admins
 * see named brokers and can export the named network.
 */
@Controller
class NetworkPagesController {

	private final NetworkService network;

	private final app.balcony.assessment.Campaigns campaigns;

	private final app.balcony.network.NetworkSurvey surveys;

	NetworkPagesController(NetworkService network, app.balcony.assessment.Campaigns campaigns,
			app.balcony.network.NetworkSurvey surveys) {
		this.network = network;
		this.campaigns = campaigns;
		this.surveys = surveys;
	}

	@GetMapping("/network")
	String waves(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("waves", this.network.waves(user.tenantId()));
		model.addAttribute("surveys",
				this.campaigns.list(user.tenantId()).stream().filter(c -> c.instrument().network()).toList());
		model.addAttribute("today", LocalDate.now());
		return "network/index";
	}

	@PostMapping("/network/imports")
	@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST')")
	String importTies(@AuthenticationPrincipal BalconyUser user, @RequestParam String wave,
			@RequestParam(required = false) String collectedOn, @RequestParam("files") MultipartFile file, Model model,
			RedirectAttributes redirect) throws IOException {
		LocalDate date = Dates.asOf(collectedOn, "collectedOn");
		String name = file.getOriginalFilename() == null ? "ties.csv" : file.getOriginalFilename();
		NetworkViews.ImportResult result = this.network.importTies(user.tenantId(), user.getUsername(), wave, date,
				name, file.getBytes());
		if (!result.applied()) {
			model.addAttribute("errors", result.errors());
			model.addAttribute("waveName", wave);
			return waves(user, model);
		}
		redirect.addFlashAttribute("flash", "Imported " + result.ties() + " ties into '" + wave.trim() + "'.");
		return "redirect:/network/waves/" + result.waveId();
	}

	@GetMapping("/network/waves/{id}")
	String wave(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String groupBy, @RequestParam(required = false) String resolution,
			Model model) {
		Double gamma = null;
		try {
			gamma = NetworkService.resolution(resolution);
		}
		catch (BadRequestException ex) {
			// Said next to the field; the page shows the usual clusters meanwhile.
			model.addAttribute("resolutionError", ex.getMessage());
			model.addAttribute("resolutionTyped", resolution);
		}
		model.addAttribute("analysis", this.network.analyse(user, new NetworkViews.Request(id, groupBy, gamma)));
		model.addAttribute("groupings", NetworkService.GROUPINGS);
		return "network/wave";
	}

	/** A network survey's wave (created with its first response). */
	@GetMapping("/network/campaigns/{id}")
	String campaignWave(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, RedirectAttributes redirect) {
		this.campaigns.find(user.tenantId(), id);
		Long wave = this.surveys.waveOf(user.tenantId(), id);
		if (wave == null) {
			redirect.addFlashAttribute("flash", "Nobody has answered this network survey yet.");
			return "redirect:/assessment/campaigns/" + id;
		}
		return "redirect:/network/waves/" + wave;
	}

	@GetMapping("/network/waves/{id}/map")
	String map(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String groupBy, @RequestParam(required = false) String group,
			@RequestParam(required = false) Long person, @RequestParam(required = false) String view,
			@RequestParam(required = false) Double resolution, Model model) {
		NetworkViews.Analysis analysis = this.network.analyse(user, new NetworkViews.Request(id, groupBy, resolution));
		model.addAttribute("analysis", analysis);
		model.addAttribute("groupings", NetworkService.GROUPINGS);
		model.addAttribute("group", group == null ? "" : group);
		model.addAttribute("person", person);
		boolean groups = !analysis.named() || "groups".equals(view);
		model.addAttribute("groupView", groups);
		model.addAttribute("source", org.springframework.web.util.UriComponentsBuilder
			.fromPath("/network/waves/" + id + "/map.json")
			.queryParam("groupBy", analysis.groupBy())
			.queryParamIfPresent("group", java.util.Optional.ofNullable(group).filter(g -> !g.isBlank()))
			.queryParamIfPresent("person", java.util.Optional.ofNullable(person))
			.queryParamIfPresent("view", java.util.Optional.ofNullable(groups ? "groups" : null))
			.queryParamIfPresent("resolution",
					java.util.Optional.ofNullable(
							analysis.resolution() == NetworkService.DEFAULT_RESOLUTION ? null : analysis.resolution()))
			.encode()
			.build()
			.toUriString());
		return "network/map";
	}

	@GetMapping(path = { "/network/waves/{id}/map.json", "/api/v1/network/waves/{id}/map" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@org.springframework.web.bind.annotation.ResponseBody
	NetworkViews.MapData mapData(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String groupBy, @RequestParam(required = false) String group,
			@RequestParam(required = false) Long person, @RequestParam(required = false) String view,
			@RequestParam(required = false) Double resolution) {
		return this.network.map(user, new NetworkViews.Request(id, groupBy, resolution), group, person,
				"groups".equals(view));
	}

	@GetMapping("/network/waves/{id}/export.{format}")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@PathVariable String format, @RequestParam(required = false) Double resolution) {
		String body = this.network.export(user, new NetworkViews.Request(id, null, resolution), format);
		return Downloads.text("network-" + id + "." + format,
				format.equals("csv") ? Downloads.CSV : MediaType.APPLICATION_XML, body);
	}

}
