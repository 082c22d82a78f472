package app.balcony.network.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import app.balcony.identity.BalconyUser;
import app.balcony.network.NetworkService;
import app.balcony.network.NetworkViews;
import app.balcony.shared.Dates;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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

	NetworkPagesController(NetworkService network) {
		this.network = network;
	}

	@GetMapping("/network")
	String waves(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("waves", this.network.waves(user.tenantId()));
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
			@RequestParam(required = false) String groupBy, Model model) {
		model.addAttribute("analysis", this.network.analyse(user, id, groupBy));
		model.addAttribute("groupings", NetworkService.GROUPINGS);
		return "network/wave";
	}

	@GetMapping("/network/waves/{id}/export.{format}")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@PathVariable String format) {
		String body = this.network.export(user, id, format);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("network-" + id + "." + format).build().toString())
			.contentType(format.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8)
					: MediaType.APPLICATION_XML)
			.body(body.getBytes(StandardCharsets.UTF_8));
	}

}
