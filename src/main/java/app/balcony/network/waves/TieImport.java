package app.balcony.network.waves;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import app.balcony.identity.AuditLog;
import app.balcony.network.NetworkService;
import app.balcony.network.NetworkViews.ImportResult;
import app.balcony.network.demo.DemoNetworkGenerator;
import app.balcony.network.waves.WaveStore.TieRow;
import app.balcony.shared.CappedList;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views.PersonAttributes;

import org.springframework.stereotype.Component;

/**
 * Ties into a wave: a tie file is parsed ({@link TieFiles}), checked against the system
 * model into a {@link Checked} set with every problem by row and column, and applied only
 * when there is none (all or nothing). Also the demo waves.
 */
@Component
public class TieImport {

	private final WaveStore store;

	private final Directory system;

	private final AuditLog audit;

	TieImport(WaveStore store, Directory system, AuditLog audit) {
		this.store = store;
		this.system = system;
		this.audit = audit;
	}

	/**
	 * A tie file checked against the system model: ties between people (one per ordered
	 * pair, the last row winning), between organisations, the people listed as
	 * respondents, and every problem found.
	 */
	record Checked(Map<String, TieRow> ties, List<TieRow> organisationTies, Set<Long> respondents,
			CappedList<String> errors) {
	}

	/**
	 * Imports a tie file into a wave, all or nothing (see
	 * {@link NetworkService#importTies}).
	 */
	public ImportResult importTies(long tenantId, String actor, String waveName, LocalDate collectedOn, String fileName,
			byte[] content) {
		Checked checked = check(tenantId, waveName, fileName, content);
		CappedList<String> errors = checked.errors();
		if (!errors.isEmpty()) {
			this.audit.record(tenantId, actor, "NETWORK_IMPORT_REJECTED", fileName, errors.total() + " problems");
			List<String> listed = new ArrayList<>(errors);
			if (errors.overflow() > 0) {
				listed
					.add("…and " + errors.overflow() + " more problems, not listed. Fix these first and import again.");
			}
			return new ImportResult(false, 0, 0, listed);
		}
		long waveId = this.store.replaceWave(tenantId, actor, waveName.trim(), collectedOn);
		if (!checked.respondents().isEmpty()) {
			// A file that lists who answered (Balcony's own GraphML/GEXF) brings them
			// back, including those who named nobody.
			this.store.replaceRespondents(tenantId, waveId, checked.respondents());
		}
		this.store.insertTies(tenantId, waveId, checked.ties().values());
		this.store.insertOrganisationTies(tenantId, waveId, checked.organisationTies());
		this.audit.record(tenantId, actor, "NETWORK_IMPORTED", waveName.trim(),
				checked.ties().size() + " ties between people and " + checked.organisationTies().size()
						+ " between organisations from " + fileName);
		return new ImportResult(true, waveId, checked.ties().size() + checked.organisationTies().size(), List.of());
	}

	private Checked check(long tenantId, String waveName, String fileName, byte[] content) {
		CappedList<String> errors = new CappedList<>(CappedList.PROBLEMS);
		if (waveName == null || waveName.isBlank() || waveName.length() > 120) {
			errors.add("Wave name: give a name of 1 to 120 characters, e.g. 'Baseline 2025'");
		}
		Map<String, Long> people = new HashMap<>(this.system.personIdsByExternalId(tenantId));
		// Balcony's own GraphML/GEXF exports name nodes p<internal id>.
		for (Long id : List.copyOf(people.values())) {
			people.putIfAbsent("p" + id, id);
		}
		Map<String, Long> organisations = this.system.organisationIdsByExternalId(tenantId);
		Map<String, TieRow> ties = new LinkedHashMap<>();
		List<TieRow> organisationTies = new ArrayList<>();
		Set<Long> respondents = new LinkedHashSet<>();
		try {
			TieFiles.Read read = TieFiles.read(fileName == null ? "ties.csv" : fileName, content);
			for (String respondent : read.respondents()) {
				Long id = people.get(respondent);
				if (id == null) {
					errors.add(fileName + ": respondent '" + respondent + "' is not a person_id of this ICS");
				}
				else {
					respondents.add(id);
				}
			}
			List<String> header = read.header();
			boolean personColumns = header.contains("source_person_id") && header.contains("target_person_id");
			boolean organisationColumns = header.contains("source_organisation_id")
					&& header.contains("target_organisation_id");
			if (!personColumns && !organisationColumns) {
				errors.add(fileName + ", row 1: the header needs source_person_id and target_person_id (or "
						+ "source_organisation_id and target_organisation_id); found " + String.join(",", header));
			}
			else {
				for (TieFiles.TieRow tie : read.rows()) {
					String row = tie.where();
					Map<String, String> values = tie.values();
					boolean organisationRow = !organisationColumns ? false
							: !personColumns || (values.getOrDefault("source_person_id", "").isEmpty()
									&& values.getOrDefault("target_person_id", "").isEmpty());
					TieRow checked = row(fileName, row, values, organisationRow ? organisations : people,
							organisationRow, errors);
					if (checked != null && organisationRow) {
						organisationTies.add(checked);
					}
					else if (checked != null) {
						ties.put(checked.source() + ">" + checked.target(), checked);
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			errors.add(fileName + ": not a readable tie file (" + ex.getMessage() + ")");
		}
		if (errors.isEmpty() && ties.isEmpty() && organisationTies.isEmpty() && respondents.isEmpty()) {
			// An import replaces the wave's ties: an empty file would wipe a wave.
			errors.add(fileName + ": no ties in the file. An import replaces a wave's ties, so a file without any "
					+ "is refused rather than emptying the wave.");
		}
		return new Checked(ties, organisationTies, respondents, errors);
	}

	/** One row checked; null when it cannot become a tie (its problems are added). */
	private static TieRow row(String fileName, String row, Map<String, String> values, Map<String, Long> ids,
			boolean organisationRow, CappedList<String> errors) {
		String kind = organisationRow ? "organisation" : "person";
		String sourceColumn = "source_" + kind + "_id";
		String targetColumn = "target_" + kind + "_id";
		Long source = ids.get(values.getOrDefault(sourceColumn, ""));
		Long target = ids.get(values.getOrDefault(targetColumn, ""));
		if (source == null) {
			errors.add(fileName + ", " + row + ", column " + sourceColumn + ": no " + kind + " with " + kind + "_id '"
					+ values.getOrDefault(sourceColumn, "") + "'");
		}
		if (target == null) {
			errors.add(fileName + ", " + row + ", column " + targetColumn + ": no " + kind + " with " + kind + "_id '"
					+ values.getOrDefault(targetColumn, "") + "'");
		}
		if (source != null && source.equals(target)) {
			errors.add(fileName + ", " + row + ", column " + targetColumn + ": a tie needs two different "
					+ (organisationRow ? "organisations" : "people"));
			return null;
		}
		String frequency = values.getOrDefault("frequency", "").toLowerCase(Locale.ROOT);
		if (!frequency.isEmpty() && !NetworkService.FREQUENCIES.contains(frequency)) {
			errors.add(fileName + ", " + row + ", column frequency: '" + frequency
					+ "' is not one of monthly, weekly, daily");
		}
		String flows = values.getOrDefault("flows", "").toLowerCase(Locale.ROOT);
		for (String flow : flows.isEmpty() ? new String[0] : flows.split(";")) {
			if (!NetworkService.FLOWS.contains(flow.trim())) {
				errors.add(fileName + ", " + row + ", column flows: '" + flow.trim()
						+ "' is not one of information, advice, decisions, trust");
			}
		}
		Integer usefulness = null;
		String useful = values.getOrDefault("usefulness", "");
		if (!useful.isEmpty()) {
			try {
				usefulness = Integer.parseInt(useful);
				if (usefulness < 1 || usefulness > 5) {
					throw new NumberFormatException();
				}
			}
			catch (NumberFormatException ex) {
				errors.add(fileName + ", " + row + ", column usefulness: '" + useful
						+ "' is not a whole number from 1 to 5");
			}
		}
		double weight = 1;
		String w = values.getOrDefault("weight", "");
		if (!w.isEmpty()) {
			try {
				weight = Double.parseDouble(w);
				if (!Double.isFinite(weight) || weight <= 0) {
					errors.add(fileName + ", " + row + ", column weight: '" + w + "' is not a positive number");
				}
			}
			catch (NumberFormatException ex) {
				errors.add(fileName + ", " + row + ", column weight: '" + w + "' is not a number");
			}
		}
		if (source == null || target == null) {
			return null;
		}
		return new TieRow(source, target, frequency.isEmpty() ? null : frequency, flows.isEmpty() ? null : flows,
				usefulness, weight);
	}

	/**
	 * Generates a demo wave of working ties between the tenant's current people; a
	 * follow-up wave is the same network a year on (see
	 * {@link DemoNetworkGenerator#followUp}). Returns the wave's id.
	 */
	public long loadDemo(long tenantId, String waveName, LocalDate collectedOn, long seed, boolean followUp) {
		List<DemoNetworkGenerator.Person> people = new ArrayList<>();
		Map<String, Long> ids = new HashMap<>();
		for (PersonAttributes p : this.system.personAttributes(tenantId, collectedOn)) {
			if (p.organisation() == null) {
				continue;
			}
			ids.put(p.externalId(), p.id());
			boolean senior = p.seniority() != null
					&& (p.seniority().startsWith("Executive") || p.seniority().startsWith("Senior"));
			people.add(new DemoNetworkGenerator.Person(p.externalId(), p.organisation(),
					p.place() == null ? "system" : p.place(), p.sectorKey(), senior));
		}
		long waveId = this.store.replaceWave(tenantId, "demo", waveName, collectedOn);
		this.store.insertTies(tenantId, waveId,
				(followUp ? DemoNetworkGenerator.followUp(people, seed) : DemoNetworkGenerator.generate(people, seed))
					.stream()
					.map(t -> new TieRow(ids.get(t.source()), ids.get(t.target()), null, null, null, 1))
					.toList());
		return waveId;
	}

}
