package app.balcony.evidence.sources;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import app.balcony.evidence.EvidenceService.Upload;
import app.balcony.evidence.EvidenceViews.ImportResult;
import app.balcony.identity.AuditLog;
import app.balcony.jobs.Progress;
import app.balcony.shared.BadRequestException;
import app.balcony.system.directory.Directory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sources into a project: files read (zips opened, attribute sheets applied), checked,
 * redacted with the names the system model knows, and only then written, all in one
 * transaction (all or nothing).
 */
@Component
public class SourceImport {

	private final SourceStore store;

	private final Directory system;

	private final AuditLog audit;

	/** The write phase of an import, after reading and redaction. */
	private final TransactionTemplate writes;

	SourceImport(SourceStore store, Directory system, AuditLog audit, PlatformTransactionManager transactions) {
		this.store = store;
		this.system = system;
		this.audit = audit;
		this.writes = new TransactionTemplate(transactions);
	}

	/**
	 * The most text one source may hold (about 300,000 words, far beyond any interview or
	 * workshop transcript); longer files are refused with their size, not cut.
	 */
	public static final int MAX_SOURCE_CHARS = 2_000_000;

	/**
	 * The import itself, for a caller already checked (the page, the API, or a background
	 * job run for the analyst who queued it). Files are read and redacted (each within
	 * {@link Redactor#BUDGET}) before a database transaction is opened; then everything
	 * is written in one transaction.
	 */
	public ImportResult importNow(long tenantId, String username, long projectId, List<Upload> uploads,
			Map<String, String> attributes, Progress progress) {
		List<Upload> files = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		for (Upload upload : uploads) {
			if (upload.name().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
				try {
					files.addAll(SourceFiles.unzip(upload));
				}
				catch (IOException ex) {
					errors.add(upload.name() + ": not a readable zip file (" + ex.getMessage() + ")");
				}
				catch (BadRequestException ex) {
					errors.add(ex.getMessage());
				}
			}
			else if (!upload.name().isBlank()) {
				files.add(upload);
			}
		}
		Map<String, Map<String, String>> perFile = new LinkedHashMap<>();
		for (Upload sheet : files.stream().filter(f -> SourceFiles.isAttributeSheet(f.name())).toList()) {
			SourceFiles.readAttributeSheet(sheet, errors).forEach((file, values) -> {
				if (perFile.put(file, values) != null) {
					errors.add(sheet.name() + ": '" + file + "' is in another attributes.csv too");
				}
			});
		}
		files.removeIf(f -> SourceFiles.isAttributeSheet(f.name()));
		if (files.isEmpty() && errors.isEmpty()) {
			errors.add("Choose at least one file (.txt, .md, .docx, .pdf, .vtt, .srt or a .zip of them)");
		}
		Map<String, Upload> named = new LinkedHashMap<>();
		Map<String, String> texts = new LinkedHashMap<>();
		Set<String> existing = this.store.names(tenantId, projectId);
		int read = 0;
		for (Upload file : files) {
			String name = SourceFiles.sourceName(file.name());
			try {
				String text = SourceReader.read(file.name(), file.bytes());
				if (text.isBlank()) {
					errors.add(file.name() + ": no text found");
				}
				else if (text.length() > MAX_SOURCE_CHARS) {
					errors.add(file.name() + ": " + String.format(java.util.Locale.UK, "%,d", text.length())
							+ " characters of text; one source may hold at most "
							+ String.format(java.util.Locale.UK, "%,d", MAX_SOURCE_CHARS)
							+ ". Split it into smaller files.");
				}
				else if (existing.contains(name) || texts.containsKey(name)) {
					errors.add(file.name() + ": a source called '" + name + "' is already in this project");
				}
				else {
					texts.put(name, text);
					named.put(name, file);
				}
			}
			catch (SourceReader.SourceException ex) {
				errors.add(ex.getMessage());
			}
			if (progress != null) {
				progress.progress(++read, files.size() * 2, SourceFiles.note("Reading", file.name()));
			}
		}
		Map<String, String> cleanAttributes = SourceFiles.cleanAttributes(attributes);
		for (String file : perFile.keySet()) {
			if (!texts.containsKey(file)) {
				errors.add("attributes.csv: '" + file + "' is not among the files imported");
			}
		}
		if (!errors.isEmpty()) {
			return new ImportResult(false, errors, List.of(), 0);
		}
		// Redaction first, with no transaction (and so no connection) held.
		Redactor redactor = redactor(tenantId);
		Map<String, List<Redactor.Found>> found = new LinkedHashMap<>();
		int done = 0;
		for (Map.Entry<String, String> entry : texts.entrySet()) {
			try {
				found.put(entry.getKey(), redactor.find(entry.getValue()));
			}
			catch (Redactor.TooSlow ex) {
				errors.add(named.get(entry.getKey()).name() + ": " + ex.getMessage());
			}
			done++;
			if (progress != null) {
				progress.progress(files.size() + done, files.size() * 2, SourceFiles.note("Redacting", entry.getKey()));
			}
		}
		if (!errors.isEmpty()) {
			return new ImportResult(false, errors, List.of(), 0);
		}
		return this.writes.execute(status -> {
			List<Long> ids = new ArrayList<>();
			int redactions = 0;
			for (Map.Entry<String, String> entry : texts.entrySet()) {
				Map<String, String> sourceAttributes = new TreeMap<>(cleanAttributes);
				sourceAttributes.putAll(perFile.getOrDefault(entry.getKey(), Map.of()));
				SourceStore.Added added = this.store.add(tenantId, username, projectId, entry.getKey(),
						named.get(entry.getKey()).name(), entry.getValue(),
						SourceFiles.cleanAttributes(sourceAttributes), found.get(entry.getKey()));
				redactions += added.redactions().size();
				ids.add(added.id());
			}
			this.audit.record(tenantId, username, "EVIDENCE_IMPORTED", "project " + projectId,
					ids.size() + " sources, " + redactions + " redactions");
			return new ImportResult(true, List.of(), ids, redactions);
		});
	}

	public Redactor redactor(long tenantId) {
		var names = this.system.knownNames(tenantId);
		return new Redactor(names.people(), names.organisations());
	}

	/**
	 * Adds one source in review: the original is redacted with project-stable pseudonyms
	 * and the redacted text segmented.
	 */
	public SourceStore.Added addSource(long tenantId, String username, long projectId, String name, String fileName,
			String original, Map<String, String> attributes, Redactor redactor) {
		if (original.length() > MAX_SOURCE_CHARS) {
			throw new BadRequestException(fileName + ": " + original.length()
					+ " characters of text; one source may hold at most " + MAX_SOURCE_CHARS + ". Split it.");
		}
		List<Redactor.Found> found;
		try {
			found = redactor.find(original);
		}
		catch (Redactor.TooSlow ex) {
			throw new BadRequestException(fileName + ": " + ex.getMessage());
		}
		return this.store.add(tenantId, username, projectId, name, fileName, original, attributes, found);
	}

	/**
	 * Ends a source's review: its text is fixed for coding, and the original and redacted
	 * values are discarded unless the tenant keeps originals (audited).
	 */
	public void confirm(long tenantId, String username, long sourceId) {
		boolean keep = this.store.keepOriginals(tenantId);
		this.store.confirm(tenantId, sourceId, keep);
		this.audit.record(tenantId, username, "REDACTION_CONFIRMED", "source " + sourceId,
				keep ? "original kept" : "original discarded");
	}

}
