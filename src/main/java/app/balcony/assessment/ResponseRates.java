package app.balcony.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import app.balcony.assessment.Campaigns.Rate;
import app.balcony.system.Views;

/**
 * Response rates of a campaign by a grouping of the invited people; groups with fewer
 * than {@code k} invited are pooled into one row, so a rate never narrows to a handful.
 */
final class ResponseRates {

	private ResponseRates() {
	}

	static List<Rate> of(List<CampaignStore.InvitationRow> invitations, Map<Long, Views.Profile> profiles,
			Views.Names names, Grouping grouping, int k) {
		Map<String, int[]> counts = new TreeMap<>();
		for (CampaignStore.InvitationRow r : invitations) {
			Views.Profile p = r.personId() == null ? null : profiles.get(r.personId());
			String label = grouping.label(p == null ? null : grouping.value(p), names);
			int[] c = counts.computeIfAbsent(label, x -> new int[2]);
			c[0]++;
			if ("SUBMITTED".equals(r.status())) {
				c[1]++;
			}
		}
		List<Rate> out = new ArrayList<>();
		int[] pooled = new int[2];
		counts.forEach((label, c) -> {
			if (c[0] < k) {
				pooled[0] += c[0];
				pooled[1] += c[1];
			}
			else {
				out.add(new Rate(label, c[0], c[1]));
			}
		});
		if (pooled[0] > 0) {
			out.add(new Rate("Smaller groups (fewer than " + k + " invited each)", pooled[0], pooled[1]));
		}
		return out;
	}

}
