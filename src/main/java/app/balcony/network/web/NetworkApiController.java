package app.balcony.network.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.balcony.identity.BalconyUser;
import app.balcony.network.NetworkService;
import app.balcony.network.NetworkViews;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The relationships API: waves, their analysis, map data, exports and tie imports, in
 * JSON.
 */
@RestController
@RequestMapping("/api/v1/network")
@Tag(name = "Network", description = "Ties across boundaries: waves, findings, group mixing, brokers")
class NetworkApiController {

	private final NetworkService network;

	NetworkApiController(NetworkService network) {
		this.network = network;
	}

	@GetMapping("/waves")
	@Operation(summary = "Waves of ties with their size")
	List<NetworkViews.Wave> waves(@AuthenticationPrincipal BalconyUser user) {
		return this.network.waves(user.tenantId());
	}

	@GetMapping("/waves/{id}/analysis")
	@Operation(summary = "Findings, E-I index, group matrix and (for analysts and admins) named brokers of a wave. "
			+ "groupBy: sector, organisation, place, level, staff_group or seniority; resolution (0.1-10, default 1): "
			+ "Louvain resolution of the informal clusters, higher for more, smaller clusters")
	NetworkViews.Analysis analysis(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String groupBy, @RequestParam(required = false) Double resolution) {
		return this.network.analyse(user, new NetworkViews.Request(id, groupBy, resolution));
	}

}
