package app.balcony.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import app.balcony.identity.AuditLog;
import app.balcony.jobs.JobQueue;
import app.balcony.jobs.JobRequest;
import app.balcony.jobs.Progress;
import app.balcony.shared.Batch;
import app.balcony.system.importing.ImportApplier;
import app.balcony.system.importing.ImportValidator;
import app.balcony.system.importing.RowParser;
import app.balcony.system.importing.Rows;
import app.balcony.system.importing.TableReader;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a tenant's own ICS from CSV and XLSX files. All-or-nothing: every file is read
 * and every row checked before anything is written; if any problem is found, all of them
 * are reported by file, row and column and nothing is written; otherwise everything is
 * applied in one transaction. Rows are matched on the files' own identifiers, so
 * importing the same files again changes nothing.
 */
@Service
public class SystemImport {

	/** The job type of a queued import. */
	public static final String JOB_TYPE = "system.import";

	private final JdbcClient jdbc;

	private final Batch batch;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	private final JobQueue jobs;

	private final app.balcony.shared.TableStatistics statistics;

	private final org.springframework.context.ApplicationEventPublisher events;

	SystemImport(JdbcClient jdbc, Batch batch, TransactionTemplate transactions, AuditLog audit, JobQueue jobs,
			app.balcony.shared.TableStatistics statistics,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.statistics = statistics;
		this.jdbc = jdbc;
		this.batch = batch;
		this.transactions = transactions;
		this.audit = audit;
		this.jobs = jobs;
	}

	/**
	 * Reads, checks and (when there are no problems) applies the files, in kind order. A
	 * source without a kind is recognised from its file name.
	 */
	public ImportReport importNow(long tenantId, String actor, List<ImportSource> sources, Progress listener) {
		// The first problems are listed and the rest counted: a file of 400,000 bad rows
		// must not make a report of tens of megabytes.
		List<ImportError> errors = new app.balcony.shared.CappedList<>(app.balcony.shared.CappedList.PROBLEMS);
		Rows.Batch batch = new Rows.Batch();
		List<ImportSource> ordered = new ArrayList<>();
		for (ImportSource source : sources) {
			ImportKind kind = source.kind() != null ? source.kind()
					: ImportKind.fromFileName(source.fileName()).orElse(null);
			if (kind == null) {
				errors.add(new ImportError(source.fileName(), 0, null,
						"Cannot tell what the file holds; name it places, organisations, people, governance-bodies "
								+ "or memberships (e.g. people.csv), or choose its kind"));
				continue;
			}
			ordered.add(new ImportSource(source.fileName(), kind, source.content()));
		}
		ordered.sort(Comparator.comparing(ImportSource::kind));
		listener.progress(0, 0, "Reading files");
		int rowsRead = 0;
		for (ImportSource source : ordered) {
			var table = TableReader.read(source.fileName(), source.content(), errors);
			rowsRead += table.rows().size();
			RowParser.parse(source.kind(), table, batch, errors);
		}
		listener.progress(0, rowsRead, "Checking rows");
		ImportReport report = apply(tenantId, batch, LocalDate.now(), errors, listener);
		String files = String.join(", ", sources.stream().map(ImportSource::fileName).toList());
		this.audit.record(tenantId, actor, report.applied() ? "IMPORT_APPLIED" : "IMPORT_REJECTED", files,
				report.summary());
		return report;
	}

	/**
	 * Checks and applies an already typed batch (the demo generator's route in). Adds any
	 * problem found to {@code errors} and applies nothing in that case.
	 */
	public ImportReport apply(long tenantId, Rows.Batch batch, LocalDate effective, List<ImportError> errors,
			Progress listener) {
		ImportApplier applier = new ImportApplier(this.jdbc, this.batch, tenantId, effective, listener);
		if (errors.isEmpty()) {
			ImportValidator.validate(batch, applier.existing(), errors);
		}
		if (!errors.isEmpty()) {
			errors.sort(Comparator.comparing(ImportError::file).thenComparingInt(ImportError::row));
			return new ImportReport(false, batch.size(), Map.of(), List.copyOf(errors), more(errors));
		}
		long[] version = { 0 };
		Map<String, ImportReport.Counts> counts = this.transactions.execute(status -> {
			// Re-read the existing identifiers inside the transaction that writes.
			List<ImportError> late = new ArrayList<>();
			ImportValidator.validate(batch, applier.existing(), late);
			if (!late.isEmpty()) {
				errors.addAll(late);
				status.setRollbackOnly();
				return null;
			}
			Map<String, ImportReport.Counts> applied = applier.apply(batch);
			version[0] = ModelVersions.bump(this.jdbc, tenantId);
			return applied;
		});
		if (counts == null) {
			return new ImportReport(false, batch.size(), Map.of(), List.copyOf(errors), more(errors));
		}
		this.statistics.refresh("place", "organisation", "person", "person_place", "organisation_membership",
				"governance_body", "governance_membership");
		this.events.publishEvent(new SystemModelChanged(tenantId, version[0]));
		return new ImportReport(true, batch.size(), counts, List.of());
	}

	private static int more(List<ImportError> errors) {
		return errors instanceof app.balcony.shared.CappedList<ImportError> capped ? capped.overflow() : 0;
	}

	/** Queues the files as a background job; returns the job id. */
	public long submit(long tenantId, String actor, List<ImportSource> sources) {
		String names = String.join(", ", sources.stream().map(ImportSource::fileName).toList());
		return this.jobs
			.submit(new JobRequest(tenantId, JOB_TYPE, "Import " + names, actor, names, null, pack(sources)));
	}

	static byte[] pack(List<ImportSource> sources) {
		var bytes = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(bytes)) {
			int n = 0;
			for (ImportSource source : sources) {
				String kind = source.kind() == null ? "auto" : source.kind().key();
				zip.putNextEntry(new ZipEntry((n++) + "/" + kind + "/" + source.fileName()));
				zip.write(source.content());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static List<ImportSource> unpack(byte[] packed) {
		List<ImportSource> sources = new ArrayList<>();
		try (var zip = new ZipInputStream(new ByteArrayInputStream(packed))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				String[] parts = entry.getName().split("/", 3);
				sources.add(new ImportSource(parts[2], ImportKind.parse(parts[1]).orElse(null), zip.readAllBytes()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return sources;
	}

}
