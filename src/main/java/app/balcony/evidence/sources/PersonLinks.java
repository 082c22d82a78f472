package app.balcony.evidence.sources;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import app.balcony.system.Level;
import app.balcony.system.Sector;
import app.balcony.system.StaffGroup;
import app.balcony.system.Views;
import app.balcony.system.directory.Directory;

import org.springframework.stereotype.Component;

/**
 * What the system model knows about the person a source is linked to: whether they are a
 * person of the ICS, the case attributes their record gives, their roster entry, and the
 * people a source can be linked to. Reads go through the system's {@link Directory}; who
 * may link a source, and the audit, are the caller's.
 */
@Component
public class PersonLinks {

	private final Directory system;

	PersonLinks(Directory system) {
		this.system = system;
	}

	/** A person of the tenant's ICS as their record stands today, if there is one. */
	public Optional<Views.Profile> profile(long tenantId, long personId) {
		return this.system.profile(tenantId, personId, LocalDate.now());
	}

	/**
	 * The case attributes a person's record gives, where it has them: level, place,
	 * sector, role (their job title) and staff group.
	 */
	public Map<String, String> attributes(long tenantId, Views.Profile profile) {
		Map<String, String> out = new TreeMap<>();
		if (profile.level() != null) {
			out.put("level", Level.valueOf(profile.level()).label().toLowerCase(Locale.ROOT));
		}
		if (profile.placeId() != null) {
			String place = this.system.names(tenantId).places().get(profile.placeId());
			if (place != null) {
				out.put("place", place);
			}
		}
		if (profile.sector() != null) {
			out.put("sector", Sector.valueOf(profile.sector()).label());
		}
		if (profile.staffGroup() != null) {
			out.put("staff_group", StaffGroup.valueOf(profile.staffGroup()).label());
		}
		Views.RosterEntry entry = rosterEntry(tenantId, profile.personId()).orElse(null);
		if (entry != null && entry.jobTitle() != null && !entry.jobTitle().isBlank()) {
			out.put("role", entry.jobTitle());
		}
		return out;
	}

	/** A person's roster entry (name, job title and organisation), if there is one. */
	public Optional<Views.RosterEntry> rosterEntry(long tenantId, long personId) {
		return Optional.ofNullable(this.system.rosterEntries(tenantId, List.of(personId)).get(personId));
	}

	/**
	 * People of the ICS whose name, job title or organisation matches (at most 20), to
	 * link a source to.
	 */
	public List<Views.RosterEntry> find(long tenantId, String query) {
		return this.system.roster(tenantId, query, -1, 20);
	}

}
