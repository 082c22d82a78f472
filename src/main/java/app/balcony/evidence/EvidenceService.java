package app.balcony.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Coding;
import app.balcony.evidence.EvidenceViews.ImportResult;
import app.balcony.evidence.EvidenceViews.Project;
import app.balcony.evidence.EvidenceViews.Redaction;
import app.balcony.evidence.EvidenceViews.Segment;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.SourceSummary;
import app.balcony.framework.Framework;
import app.balcony.framework.FrameworkCatalog;
import app.balcony.framework.FrameworkElement;
import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.identity.Role;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.Level;
import app.balcony.system.Sector;
import app.balcony.system.StaffGroup;
import app.balcony.system.SystemQueries;
import app.balcony.system.Views;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evidence projects, their sources (imported, redacted, segmented), codes and codings.
 * Every query is scoped to the caller's tenant. Only analysts and admins work here.
 */
@Service
public class EvidenceService {

	/** Case attributes a source can carry (all optional). */
	public static final List<String> ATTRIBUTES = List.of("level", "place", "sector", "role", "staff_group");

	static final List<String> PALETTE = List.of("#005eb8", "#007f3b", "#ffb81c", "#d5281b", "#330072", "#ae2573",
			"#00a499", "#ed8b00", "#41b6e6", "#768692", "#7c2855", "#425563");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcClient jdbc;

	private final FrameworkCatalog frameworks;

	private final SystemQueries system;

	private final AuditLog audit;

	/**
	 * Key for the hashes behind pseudonym numbers, held outside the database
	 * ({@code balcony.evidence.pseudonym-key}); null: plain SHA-256.
	 */
	private byte[] pseudonymKey;

	/** The write phase of an import, after reading and redaction. */
	private final org.springframework.transaction.support.TransactionTemplate writes;

	EvidenceService(JdbcClient jdbc, FrameworkCatalog frameworks, SystemQueries system, AuditLog audit,
			org.springframework.transaction.PlatformTransactionManager transactions,
			@org.springframework.beans.factory.annotation.Value("${balcony.evidence.pseudonym-key:}") String pseudonymKey) {
		this.writes = new org.springframework.transaction.support.TransactionTemplate(transactions);
		if (!pseudonymKey.isEmpty() && pseudonymKey.length() < 16) {
			throw new IllegalStateException(
					"balcony.evidence.pseudonym-key must be at least 16 characters (or unset); it has "
							+ pseudonymKey.length());
		}
		this.pseudonymKey = pseudonymKey.isEmpty() ? null : pseudonymKey.getBytes(StandardCharsets.UTF_8);
		this.jdbc = jdbc;
		this.frameworks = frameworks;
		this.system = system;
		this.audit = audit;
	}

	static void requireAnalyst(BalconyUser user) {
		if (user.role() != Role.ADMIN && user.role() != Role.ANALYST) {
			throw new AccessDeniedException("Evidence is for analysts and admins");
		}
	}

	// ---------------------------------------------------------------- settings

	@Transactional(readOnly = true)
	public boolean keepOriginals(long tenantId) {
		return this.jdbc.sql("select keep_originals from evidence_setting where tenant_id = ?")
			.param(tenantId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	@Transactional
	public void setKeepOriginals(BalconyUser user, boolean keep) {
		if (!user.isAdmin()) {
			throw new AccessDeniedException("Only admins change what is kept");
		}
		int updated = this.jdbc.sql("update evidence_setting set keep_originals = ? where tenant_id = ?")
			.params(keep, user.tenantId())
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into evidence_setting (tenant_id, keep_originals) values (?, ?)")
				.params(user.tenantId(), keep)
				.update();
		}
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_KEEP_ORIGINALS", String.valueOf(keep), null);
	}

	// ---------------------------------------------------------------- projects and codes

	@Transactional(readOnly = true)
	public List<Project> projects(BalconyUser user) {
		requireAnalyst(user);
		return this.jdbc.sql("""
				select p.id, p.name, p.description, p.framework_key, p.framework_version, p.created_by,
				  (select count(*) from evidence_source s where s.project_id = p.id),
				  (select count(*) from evidence_coding c where c.project_id = p.id and c.deleted_at is null)
				from evidence_project p where p.tenant_id = ? order by p.name""")
			.param(user.tenantId())
			.query((rs, n) -> new Project(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					(Integer) rs.getObject(5), rs.getLong(7), rs.getLong(8), rs.getString(6)))
			.list();
	}

	@Transactional(readOnly = true)
	public Project project(BalconyUser user, long projectId) {
		return projects(user).stream()
			.filter(p -> p.id() == projectId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No such project"));
	}

	/**
	 * A new project whose codebook starts as a copy of a framework's elements (or empty).
	 */
	@Transactional
	public long createProject(BalconyUser user, String name, String description, String frameworkKey) {
		requireAnalyst(user);
		if (name == null || name.isBlank()) {
			throw new BadRequestException("name: required");
		}
		if (exists("select count(*) from evidence_project where tenant_id = ? and name = ?", user.tenantId(),
				name.strip())) {
			throw new BadRequestException("name: a project called '" + name.strip() + "' already exists");
		}
		Framework framework = null;
		if (frameworkKey != null && !frameworkKey.isBlank()) {
			framework = this.frameworks.find(user.tenantId(), frameworkKey, null)
				.orElseThrow(() -> new BadRequestException("framework: unknown framework '" + frameworkKey + "'"));
		}
		this.jdbc
			.sql("insert into evidence_project (tenant_id, name, description, framework_key, framework_version, "
					+ "created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)")
			.params(user.tenantId(), name.strip(), description == null ? "" : description.strip(),
					framework == null ? null : framework.key(), framework == null ? null : framework.version(),
					user.getUsername(), Timestamp.valueOf(LocalDateTime.now()))
			.update();
		long id = this.jdbc.sql("select id from evidence_project where tenant_id = ? and name = ?")
			.params(user.tenantId(), name.strip())
			.query(Long.class)
			.single();
		if (framework != null) {
			int[] position = { 0 };
			for (FrameworkElement element : framework.elements()) {
				insertCode(user.tenantId(), id, element, null, position);
			}
		}
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_PROJECT_CREATED", "project " + id,
				name.strip());
		return id;
	}

	private void insertCode(long tenantId, long projectId, FrameworkElement element, Long parentId, int[] position) {
		long codeId = insertCode(tenantId, projectId, element.key(), element.name(), parentId, element.definition(),
				element.colour() != null ? element.colour() : PALETTE.get(position[0] % PALETTE.size()), position[0]++);
		for (FrameworkElement child : element.children()) {
			insertCode(tenantId, projectId, child, codeId, position);
		}
	}

	long insertCode(long tenantId, long projectId, String key, String name, Long parentId, String definition,
			String colour, int position) {
		this.jdbc.sql(
				"insert into evidence_code (tenant_id, project_id, ckey, name, parent_id, definition, colour, position) "
						+ "values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(tenantId, projectId, key, name, parentId, definition == null ? "" : definition, colour, position)
			.update();
		return this.jdbc.sql("select id from evidence_code where project_id = ? and ckey = ?")
			.params(projectId, key)
			.query(Long.class)
			.single();
	}

	/** The longest code name (MAXQDA writes whole category paths). */
	public static final int MAX_CODE_NAME = 1000;

	/** The analyst's own code (optionally under a parent). */
	@Transactional
	public long addCode(BalconyUser user, long projectId, String name, Long parentId, String definition,
			String colour) {
		project(user, projectId);
		if (name == null || name.isBlank()) {
			throw new BadRequestException("name: required");
		}
		if (name.strip().length() > MAX_CODE_NAME) {
			throw new BadRequestException(
					"name: at most " + MAX_CODE_NAME + " characters (this one has " + name.strip().length() + ")");
		}
		if (colour != null && !colour.isBlank() && !colour.matches("#[0-9a-fA-F]{6}")) {
			throw new BadRequestException("colour: use #rrggbb");
		}
		if (parentId != null && codes(user, projectId).stream().noneMatch(c -> c.id() == parentId)) {
			throw new BadRequestException("parent: not a code of this project");
		}
		String key = name.strip()
			.toLowerCase(java.util.Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "_")
			.replaceAll("^_|_$", "");
		if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
			key = "code_" + key;
		}
		// Keys are at most 80 characters: a long name's key is cut, and the suffix that
		// keeps keys unique fits after it.
		if (key.length() > 70) {
			key = key.substring(0, 70).replaceAll("_$", "");
		}
		String base = key;
		int suffix = 2;
		while (exists("select count(*) from evidence_code where project_id = ? and ckey = ?", projectId, key)) {
			key = base + "_" + suffix++;
		}
		int position = this.jdbc.sql("select coalesce(max(position), -1) + 1 from evidence_code where project_id = ?")
			.param(projectId)
			.query(Integer.class)
			.single();
		return insertCode(user.tenantId(), projectId, key, name.strip(), parentId, definition,
				colour == null || colour.isBlank() ? PALETTE.get(position % PALETTE.size()) : colour, position);
	}

	/** The project's codebook in tree order, with how often each code is used. */
	@Transactional(readOnly = true)
	public List<Code> codes(BalconyUser user, long projectId) {
		requireAnalyst(user);
		record Row(long id, String key, String name, Long parent, String definition, String colour, long count) {
		}
		List<Row> rows = this.jdbc.sql("""
				select c.id, c.ckey, c.name, c.parent_id, c.definition, c.colour,
				  (select count(*) from evidence_coding k where k.code_id = c.id and k.deleted_at is null)
				from evidence_code c where c.tenant_id = ? and c.project_id = ? order by c.position""")
			.params(user.tenantId(), projectId)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
					rs.getString(5), rs.getString(6), rs.getLong(7)))
			.list();
		List<Code> ordered = new ArrayList<>();
		Map<Long, List<Row>> children = new HashMap<>();
		rows.forEach(
				r -> children.computeIfAbsent(r.parent() == null ? 0L : r.parent(), k -> new ArrayList<>()).add(r));
		java.util.function.BiConsumer<Long, Integer>[] walk = new java.util.function.BiConsumer[1];
		walk[0] = (parent, depth) -> {
			for (Row r : children.getOrDefault(parent, List.of())) {
				ordered
					.add(new Code(r.id(), r.key(), r.name(), r.parent(), r.definition(), r.colour(), depth, r.count()));
				walk[0].accept(r.id(), depth + 1);
			}
		};
		walk[0].accept(0L, 0);
		return ordered;
	}

	// ---------------------------------------------------------------- import, redaction,
	// segmentation

	/** One uploaded file. */
	public record Upload(String name, byte[] bytes) {
	}

	/**
	 * Imports files (a .zip is opened and its supported files imported) into a project.
	 * All or nothing: every file is read first, and one bad file stops the whole import.
	 * Each source is redacted at once and waits for the analyst's review.
	 */
	public ImportResult importSources(BalconyUser user, long projectId, List<Upload> uploads,
			Map<String, String> attributes, ProgressListener progress) {
		project(user, projectId);
		return importNow(user.tenantId(), user.getUsername(), projectId, uploads, attributes, progress);
	}

	/**
	 * The most text one source may hold (about 300,000 words, far beyond any interview or
	 * workshop transcript); longer files are refused with their size, not cut.
	 */
	static final int MAX_SOURCE_CHARS = 2_000_000;

	/**
	 * The import itself, for a caller already checked (the page, the API, or a background
	 * job run for the analyst who queued it). Files are read and redacted (each within
	 * {@link Redactor#BUDGET}) before a database transaction is opened; then everything
	 * is written in one transaction.
	 */
	public ImportResult importNow(long tenantId, String username, long projectId, List<Upload> uploads,
			Map<String, String> attributes, ProgressListener progress) {
		List<Upload> files = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		for (Upload upload : uploads) {
			if (upload.name().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
				try {
					files.addAll(unzip(upload));
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
		for (Upload sheet : files.stream().filter(f -> isAttributeSheet(f.name())).toList()) {
			readAttributeSheet(sheet, errors).forEach((file, values) -> {
				if (perFile.put(file, values) != null) {
					errors.add(sheet.name() + ": '" + file + "' is in another attributes.csv too");
				}
			});
		}
		files.removeIf(f -> isAttributeSheet(f.name()));
		if (files.isEmpty() && errors.isEmpty()) {
			errors.add("Choose at least one file (.txt, .md, .docx, .pdf, .vtt, .srt or a .zip of them)");
		}
		Map<String, Upload> named = new LinkedHashMap<>();
		Map<String, String> texts = new LinkedHashMap<>();
		Set<String> existing = new HashSet<>(this.jdbc.sql("select name from evidence_source where project_id = ?")
			.param(projectId)
			.query(String.class)
			.list());
		int read = 0;
		for (Upload file : files) {
			String name = sourceName(file.name());
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
				progress.progress(++read, files.size() * 2, note("Reading", file.name()));
			}
		}
		Map<String, String> cleanAttributes = cleanAttributes(attributes);
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
				progress.progress(files.size() + done, files.size() * 2, note("Redacting", entry.getKey()));
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
				AddedSource added = addSource(tenantId, username, projectId, entry.getKey(),
						named.get(entry.getKey()).name(), entry.getValue(), cleanAttributes(sourceAttributes),
						found.get(entry.getKey()));
				redactions += added.redactions().size();
				ids.add(added.id());
			}
			this.audit.record(tenantId, username, "EVIDENCE_IMPORTED", "project " + projectId,
					ids.size() + " sources, " + redactions + " redactions");
			return new ImportResult(true, List.of(), ids, redactions);
		});
	}

	private static String note(String verb, String name) {
		return verb + " " + (name.length() > 200 ? "…" + name.substring(name.length() - 199) : name);
	}

	Redactor redactor(long tenantId) {
		var names = this.system.knownNames(tenantId);
		return new Redactor(names.people(), names.organisations());
	}

	/**
	 * A source just added, with the redactions applied to it (offsets in the original).
	 */
	record AddedSource(long id, List<Redactor.Found> redactions, List<String> pseudonyms) {
	}

	/**
	 * Adds one source in review: the original is redacted with project-stable pseudonyms
	 * and the redacted text segmented.
	 */
	AddedSource addSource(long tenantId, String username, long projectId, String name, String fileName, String original,
			Map<String, String> attributes, Redactor redactor) {
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
		return addSource(tenantId, username, projectId, name, fileName, original, attributes, found);
	}

	/** Adds one source whose redactions were found already (outside any transaction). */
	AddedSource addSource(long tenantId, String username, long projectId, String name, String fileName, String original,
			Map<String, String> attributes, List<Redactor.Found> found) {
		this.jdbc.sql("insert into evidence_source (tenant_id, project_id, name, file_name, format, content, original, "
				+ "redaction_state, attributes, imported_by, imported_on) values (?, ?, ?, ?, ?, ?, ?, 'REVIEW', ?, ?, ?)")
			.params(tenantId, projectId, name, fileName, SourceReader.format(fileName), original, original,
					toJson(cleanAttributes(attributes)), username, Date.valueOf(LocalDate.now()))
			.update();
		long sourceId = this.jdbc.sql("select id from evidence_source where project_id = ? and name = ?")
			.params(projectId, name)
			.query(Long.class)
			.single();
		List<String> pseudonyms = new ArrayList<>();
		for (Redactor.Found f : found) {
			String pseudonym = "[" + f.kind().label + " " + pseudonymNumber(projectId, f.kind(), f.key()) + "]";
			pseudonyms.add(pseudonym);
			this.jdbc
				.sql("insert into evidence_redaction (tenant_id, source_id, kind, start_offset, end_offset, "
						+ "original_value, pseudonym, applied) values (?, ?, ?, ?, ?, ?, ?, true)")
				.params(tenantId, sourceId, f.kind().name(), f.start(), f.end(), f.value(), pseudonym)
				.update();
		}
		rebuild(sourceId);
		return new AddedSource(sourceId, found, pseudonyms);
	}

	/** Progress of a long import. */
	public interface ProgressListener {

		void progress(int done, int total, String note);

	}

	/**
	 * The attribute a column or variable name means ("Staff group" is staff_group,
	 * "Organisation sector" is sector...), or the name itself in lower case.
	 */
	static String attributeKey(String name) {
		String key = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_").replaceAll("^_|_$", "");
		return switch (key) {
			case "staff", "staffgroup", "staff_group", "profession" -> "staff_group";
			case "organisation_sector", "sector" -> "sector";
			case "job_role", "role" -> "role";
			default -> key;
		};
	}

	/**
	 * An {@code attributes.csv} among the files: case attributes for each file by name.
	 */
	static boolean isAttributeSheet(String fileName) {
		String base = fileName.replace('\\', '/');
		return base.substring(base.lastIndexOf('/') + 1).equalsIgnoreCase("attributes.csv");
	}

	/**
	 * Reads an attribute sheet: a header with a {@code file} column and attribute
	 * columns, then one row per file. Problems are added to {@code errors} with the
	 * sheet, row and column.
	 */
	static Map<String, Map<String, String>> readAttributeSheet(Upload sheet, List<String> errors) {
		Map<String, Map<String, String>> out = new LinkedHashMap<>();
		String where = sheet.name();
		try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
			.setHeader()
			.setIgnoreSurroundingSpaces(true)
			.setIgnoreEmptyLines(true)
			.get()
			.parse(new java.io.StringReader(new String(sheet.bytes(), StandardCharsets.UTF_8).replace("\uFEFF", "")))) {
			Map<String, String> columns = new LinkedHashMap<>();
			String fileColumn = null;
			for (String header : parser.getHeaderNames()) {
				String key = attributeKey(header);
				if (key.equals("file") || key.equals("source")) {
					fileColumn = header;
				}
				else if (ATTRIBUTES.contains(key)) {
					columns.put(header, key);
				}
				else if (!key.isEmpty()) {
					errors.add(where + ", column '" + header + "': not an attribute Balcony records ("
							+ String.join(", ", ATTRIBUTES) + ")");
				}
			}
			if (fileColumn == null) {
				errors.add(where + ": no 'file' column saying which file each row is about");
				return out;
			}
			for (org.apache.commons.csv.CSVRecord row : parser) {
				long line = row.getRecordNumber() + 1;
				String file = row.isMapped(fileColumn) && row.isSet(fileColumn) ? row.get(fileColumn).strip() : "";
				if (file.isEmpty()) {
					errors.add(where + ", row " + line + ", column '" + fileColumn + "': empty");
					continue;
				}
				Map<String, String> values = new TreeMap<>();
				columns.forEach((header, key) -> {
					if (row.isSet(header) && !row.get(header).isBlank()) {
						values.put(key, row.get(header).strip());
					}
				});
				if (out.put(sourceName(file), values) != null) {
					errors.add(where + ", row " + line + ": '" + file + "' has a row already");
				}
			}
		}
		catch (IOException | java.io.UncheckedIOException | IllegalArgumentException ex) {
			errors.add(where + ": not a readable CSV file (" + ex.getMessage() + ")");
		}
		return out;
	}

	private static String sourceName(String fileName) {
		String base = fileName.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1);
		int dot = base.lastIndexOf('.');
		return (dot > 0 ? base.substring(0, dot) : base).strip();
	}

	private static List<Upload> unzip(Upload zip) throws IOException {
		List<Upload> out = new ArrayList<>();
		app.balcony.shared.SafeZip.read(zip.name(), zip.bytes(), name -> {
			String base = name.substring(name.lastIndexOf('/') + 1);
			return !(base.startsWith(".") || name.startsWith("__MACOSX")
					|| !(SourceReader.FORMATS.contains(SourceReader.format(base)) || isAttributeSheet(base)));
		}).forEach((name, bytes) -> out.add(new Upload(zip.name() + "/" + name, bytes)));
		if (out.isEmpty()) {
			throw new IOException("no supported files");
		}
		return out;
	}

	/**
	 * The project-stable number of a redacted value. Only a hash of the value is kept:
	 * keyed (HMAC-SHA256) when {@code balcony.evidence.pseudonym-key} is set, so a copy
	 * of the database alone cannot be tested against a list of names; plain SHA-256
	 * otherwise. Setting the key later upgrades each plain hash when its value is met
	 * again, so the numbers go on.
	 */
	private int pseudonymNumber(long projectId, Redactor.Kind kind, String value) {
		String normalised = projectId + "|" + kind + "|" + value.strip().toLowerCase(java.util.Locale.ROOT);
		String plain = sha256(normalised);
		String hash = this.pseudonymKey == null ? plain : hmac(this.pseudonymKey, normalised);
		java.util.Optional<Integer> known = number(projectId, kind, hash);
		if (known.isEmpty() && this.pseudonymKey != null) {
			known = number(projectId, kind, plain);
			if (known.isPresent()) {
				this.jdbc
					.sql("update evidence_pseudonym set value_hash = ? "
							+ "where project_id = ? and kind = ? and value_hash = ?")
					.params(hash, projectId, kind.name(), plain)
					.update();
			}
		}
		return known.orElseGet(() -> {
			int next = this.jdbc
				.sql("select coalesce(max(number), 0) + 1 from evidence_pseudonym where project_id = ? and kind = ?")
				.params(projectId, kind.name())
				.query(Integer.class)
				.single();
			this.jdbc.sql("insert into evidence_pseudonym (project_id, kind, value_hash, number) values (?, ?, ?, ?)")
				.params(projectId, kind.name(), hash, next)
				.update();
			return next;
		});
	}

	private java.util.Optional<Integer> number(long projectId, Redactor.Kind kind, String hash) {
		return this.jdbc
			.sql("select number from evidence_pseudonym where project_id = ? and kind = ? and value_hash = ?")
			.params(projectId, kind.name(), hash)
			.query(Integer.class)
			.optional();
	}

	static String hmac(byte[] key, String value) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | java.security.InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Rebuilds the analysed text from the original and the applied redactions, and
	 * re-segments it.
	 */
	private void rebuild(long sourceId) {
		String original = this.jdbc.sql("select original from evidence_source where id = ?")
			.param(sourceId)
			.query(String.class)
			.single();
		record R(int start, int end, String pseudonym) {
		}
		List<R> applied = this.jdbc
			.sql("select start_offset, end_offset, pseudonym from evidence_redaction "
					+ "where source_id = ? and applied = true order by start_offset")
			.param(sourceId)
			.query((rs, n) -> new R(rs.getInt(1), rs.getInt(2), rs.getString(3)))
			.list();
		StringBuilder content = new StringBuilder();
		int at = 0;
		for (R r : applied) {
			content.append(original, at, r.start()).append(r.pseudonym());
			at = r.end();
		}
		content.append(original.substring(at));
		String text = content.toString();
		long tenantId = this.jdbc.sql("select tenant_id from evidence_source where id = ?")
			.param(sourceId)
			.query(Long.class)
			.single();
		this.jdbc.sql("update evidence_source set content = ? where id = ?").params(text, sourceId).update();
		this.jdbc.sql("delete from evidence_segment where source_id = ?").param(sourceId).update();
		int position = 0;
		for (Segmenter.Segment s : Segmenter.segment(text)) {
			this.jdbc.sql(
					"insert into evidence_segment (tenant_id, source_id, position, start_offset, end_offset, speaker, turn) "
							+ "values (?, ?, ?, ?, ?, ?, ?)")
				.params(tenantId, sourceId, position++, s.start(), s.end(), s.speaker(), s.turn())
				.update();
		}
	}

	/** Undo or redo one redaction while the source is still in review. */
	@Transactional
	public void setRedactionApplied(BalconyUser user, long redactionId, boolean applied) {
		requireAnalyst(user);
		var row = this.jdbc
			.sql("select r.source_id, s.redaction_state from evidence_redaction r "
					+ "join evidence_source s on s.id = r.source_id where r.id = ? and r.tenant_id = ?")
			.params(redactionId, user.tenantId())
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
			.optional()
			.orElseThrow(() -> new NotFoundException("No such redaction"));
		if (!"REVIEW".equals(row[1])) {
			throw new BadRequestException("Redaction of this source is confirmed; it can no longer be undone");
		}
		this.jdbc.sql("update evidence_redaction set applied = ? where id = ?").params(applied, redactionId).update();
		rebuild((Long) row[0]);
		this.audit.record(user.tenantId(), user.getUsername(), applied ? "REDACTION_REDONE" : "REDACTION_UNDONE",
				"source " + row[0], "redaction " + redactionId);
	}

	/**
	 * Ends the review: the text is fixed for coding, and the original text and redacted
	 * values are discarded unless the tenant keeps originals.
	 */
	@Transactional
	public void confirmRedaction(BalconyUser user, long sourceId) {
		Source source = source(user, sourceId, false);
		if (!"REVIEW".equals(source.redactionState())) {
			return;
		}
		confirmNow(user.tenantId(), user.getUsername(), sourceId);
	}

	void confirmNow(long tenantId, String username, long sourceId) {
		boolean keep = keepOriginals(tenantId);
		this.jdbc
			.sql("update evidence_source set redaction_state = 'CONFIRMED'" + (keep ? "" : ", original = null")
					+ " where id = ?")
			.param(sourceId)
			.update();
		if (!keep) {
			this.jdbc.sql("update evidence_redaction set original_value = null where source_id = ?")
				.param(sourceId)
				.update();
		}
		this.audit.record(tenantId, username, "REDACTION_CONFIRMED", "source " + sourceId,
				keep ? "original kept" : "original discarded");
	}

	/** Replaces a source's case attributes (blank ones are removed). */
	@Transactional
	public void setAttributes(BalconyUser user, long sourceId, Map<String, String> attributes) {
		source(user, sourceId, false);
		this.jdbc.sql("update evidence_source set attributes = ? where id = ?")
			.params(toJson(cleanAttributes(attributes)), sourceId)
			.update();
	}

	/**
	 * Links a source to a person in the system model, when the analyst chooses to (a
	 * pseudonymised interview becomes identifiable again through the link, so it is
	 * audited). With {@code fillAttributes}, the source's empty case attributes are
	 * filled from the person's record today: level, place, sector, role (job title) and
	 * staff group.
	 * @throws BadRequestException for a person not in this ICS
	 */
	@Transactional
	public void linkPerson(BalconyUser user, long sourceId, long personId, boolean fillAttributes) {
		Source source = source(user, sourceId, false);
		Views.Profile profile = this.system.profile(user.tenantId(), personId, LocalDate.now())
			.orElseThrow(() -> new BadRequestException("personId: " + personId + " is not a person in this ICS"));
		Map<String, String> attributes = new TreeMap<>(source.attributes());
		if (fillAttributes) {
			personAttributes(user.tenantId(), profile).forEach(attributes::putIfAbsent);
		}
		this.jdbc.sql("update evidence_source set person_id = ?, attributes = ? where id = ?")
			.params(personId, toJson(cleanAttributes(attributes)), sourceId)
			.update();
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_SOURCE_LINKED", "source " + sourceId,
				"person " + personId + (fillAttributes ? ", attributes filled from their record" : ""));
	}

	/** Removes a source's link to a person (audited); its attributes stay. */
	@Transactional
	public void unlinkPerson(BalconyUser user, long sourceId) {
		Source source = source(user, sourceId, false);
		if (source.personId() == null) {
			return;
		}
		this.jdbc.sql("update evidence_source set person_id = null where id = ?").param(sourceId).update();
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_SOURCE_UNLINKED", "source " + sourceId,
				"person " + source.personId());
	}

	/**
	 * Who a source is linked to, for the analyst choosing or checking the link (audited:
	 * it names the person behind a pseudonymised interview).
	 */
	@Transactional
	public Optional<Views.RosterEntry> linkedPerson(BalconyUser user, long sourceId) {
		Source source = source(user, sourceId, false);
		if (source.personId() == null) {
			return Optional.empty();
		}
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_LINKED_PERSON_VIEWED", "source " + sourceId,
				"person " + source.personId());
		return Optional
			.ofNullable(this.system.rosterEntries(user.tenantId(), List.of(source.personId())).get(source.personId()));
	}

	/**
	 * People of the ICS whose name, job title or organisation matches, to link a source
	 * to.
	 */
	@Transactional(readOnly = true)
	public List<Views.RosterEntry> findPeople(BalconyUser user, String query) {
		requireAnalyst(user);
		return this.system.roster(user.tenantId(), query, -1, 20);
	}

	private Map<String, String> personAttributes(long tenantId, Views.Profile profile) {
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
		Views.RosterEntry entry = this.system.rosterEntries(tenantId, List.of(profile.personId()))
			.get(profile.personId());
		if (entry != null && entry.jobTitle() != null && !entry.jobTitle().isBlank()) {
			out.put("role", entry.jobTitle());
		}
		return out;
	}

	/**
	 * The project's speakers, by the name (pseudonym or label) their turns carry, with
	 * their case attributes.
	 */
	@Transactional(readOnly = true)
	public List<EvidenceViews.Speaker> speakers(BalconyUser user, long projectId) {
		project(user, projectId);
		Map<String, Map<String, String>> attributes = speakerAttributes(projectId);
		return this.jdbc.sql("""
				select g.speaker, count(*), count(distinct g.source_id) from evidence_segment g
				join evidence_source s on s.id = g.source_id
				where s.tenant_id = ? and s.project_id = ? and g.speaker is not null
				group by g.speaker order by g.speaker""")
			.params(user.tenantId(), projectId)
			.query((rs, n) -> new EvidenceViews.Speaker(rs.getString(1), rs.getLong(2), rs.getLong(3),
					attributes.getOrDefault(rs.getString(1), Map.of())))
			.list();
	}

	/** Recorded speaker attributes of a project, by speaker. */
	Map<String, Map<String, String>> speakerAttributes(long projectId) {
		Map<String, Map<String, String>> out = new HashMap<>();
		this.jdbc.sql("select speaker, attributes from evidence_speaker where project_id = ?")
			.param(projectId)
			.query((rs, n) -> out.put(rs.getString(1), fromJson(rs.getString(2))))
			.list();
		return out;
	}

	/**
	 * Records a speaker's case attributes (all of them: blank ones are removed).
	 * @throws BadRequestException without a speaker
	 * @throws NotFoundException for a speaker with no turns in the project
	 */
	@Transactional
	public EvidenceViews.Speaker setSpeakerAttributes(BalconyUser user, long projectId, String speaker,
			Map<String, String> attributes) {
		if (speaker == null || speaker.isBlank()) {
			throw new BadRequestException("speaker: say whose attributes these are (as their turns name them)");
		}
		if (speakers(user, projectId).stream().noneMatch(s -> s.name().equals(speaker))) {
			throw new NotFoundException("Speaker '" + speaker + "' in this project");
		}
		String json = toJson(cleanAttributes(attributes));
		int updated = this.jdbc.sql("update evidence_speaker set attributes = ? where project_id = ? and speaker = ?")
			.params(json, projectId, speaker)
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql(
						"insert into evidence_speaker (tenant_id, project_id, speaker, attributes) values (?, ?, ?, ?)")
					.params(user.tenantId(), projectId, speaker, json)
					.update();
			}
			catch (org.springframework.dao.DuplicateKeyException ex) {
				// PostgreSQL has ended the transaction: say so rather than retry in it.
				throw new BadRequestException("Someone saved " + speaker
						+ "'s attributes at the same moment; look at them and save again if needed");
			}
		}
		return speakers(user, projectId).stream().filter(s -> s.name().equals(speaker)).findFirst().orElseThrow();
	}

	private static Map<String, String> cleanAttributes(Map<String, String> attributes) {
		Map<String, String> clean = new TreeMap<>();
		if (attributes != null) {
			attributes.forEach((k, v) -> {
				if (ATTRIBUTES.contains(k) && v != null && !v.isBlank()) {
					clean.put(k, v.strip());
				}
			});
		}
		return clean;
	}

	// ---------------------------------------------------------------- reading sources

	@Transactional(readOnly = true)
	public List<SourceSummary> sources(BalconyUser user, long projectId) {
		project(user, projectId);
		return this.jdbc.sql("""
				select s.id, s.name, s.format, s.redaction_state, s.attributes, s.imported_on,
				  (select count(*) from evidence_segment g where g.source_id = s.id),
				  (select count(*) from evidence_coding c where c.source_id = s.id and c.deleted_at is null)
				from evidence_source s where s.tenant_id = ? and s.project_id = ? order by s.name""")
			.params(user.tenantId(), projectId)
			.query((rs, n) -> new SourceSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					fromJson(rs.getString(5)), rs.getLong(7), rs.getLong(8), rs.getDate(6).toLocalDate()))
			.list();
	}

	/**
	 * A source with its segments, redactions and codings (the viewer's own, or every
	 * coder's when {@code allCoders}). Redacted values are shown only while in review or
	 * when originals are kept; showing them is audited.
	 */
	@Transactional
	public Source source(BalconyUser user, long sourceId, boolean allCoders) {
		requireAnalyst(user);
		record Row(long id, long projectId, String projectName, String name, String format, String state,
				String attributes, String content, boolean originalKept, Long personId) {
		}
		Row row = this.jdbc.sql("""
				select s.id, s.project_id, p.name, s.name, s.format, s.redaction_state, s.attributes, s.content,
				  case when s.original is null then false else true end, s.person_id
				from evidence_source s join evidence_project p on p.id = s.project_id
				where s.id = ? and s.tenant_id = ?""")
			.params(sourceId, user.tenantId())
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9),
					rs.getObject(10) == null ? null : rs.getLong(10)))
			.optional()
			.orElseThrow(() -> new NotFoundException("No such source"));
		String content = row.content();
		List<Segment> segments = this.jdbc.sql(
				"select id, start_offset, end_offset, speaker, turn from evidence_segment where source_id = ? order by position")
			.param(sourceId)
			.query((rs, n) -> new Segment(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
					content.substring(rs.getInt(2), rs.getInt(3))))
			.list();
		List<Redaction> redactions = this.jdbc
			.sql("select id, kind, pseudonym, original_value, applied "
					+ "from evidence_redaction where source_id = ? order by start_offset")
			.param(sourceId)
			.query((rs, n) -> new Redaction(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getBoolean(5)))
			.list();
		if (redactions.stream().anyMatch(r -> r.original() != null)) {
			this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_ORIGINAL_VIEWED", "source " + sourceId,
					null);
		}
		return new Source(row.id(), row.projectId(), row.projectName(), row.name(), row.format(), row.state(),
				fromJson(row.attributes()), content, segments, codings(user, sourceId, allCoders, content), redactions,
				row.originalKept(), row.personId());
	}

	private List<Coding> codings(BalconyUser user, long sourceId, boolean allCoders, String content) {
		return this.jdbc
			.sql("""
					select k.id, c.id, c.ckey, c.name, c.colour, k.coder, k.start_offset, k.end_offset, k.origin, k.score
					from evidence_coding k join evidence_code c on c.id = k.code_id
					where k.source_id = ? and k.deleted_at is null"""
					+ (allCoders ? "" : " and k.coder = ?") + " order by k.start_offset, c.position")
			.params(allCoders ? List.of(sourceId) : List.of(sourceId, user.getUsername()))
			.query((rs, n) -> new Coding(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getString(9),
					(Double) rs.getObject(10), content.substring(rs.getInt(7), rs.getInt(8))))
			.list();
	}

	// ---------------------------------------------------------------- coding

	/**
	 * Applies codes to a span of a confirmed source. Re-applying the same code to the
	 * same span is a no-op.
	 */
	@Transactional
	public List<Long> code(BalconyUser user, long sourceId, List<Long> codeIds, int start, int end, String origin,
			Double score) {
		Source source = source(user, sourceId, false);
		if (!"CONFIRMED".equals(source.redactionState())) {
			throw new BadRequestException("Confirm the redaction of '" + source.name() + "' before coding it");
		}
		if (start < 0 || end > source.content().length() || start >= end) {
			throw new BadRequestException(
					"span: " + start + ".." + end + " is not inside the text (0.." + source.content().length() + ")");
		}
		if (codeIds == null || codeIds.isEmpty()) {
			throw new BadRequestException("codes: choose at least one code");
		}
		Set<Long> valid = new HashSet<>(this.jdbc.sql("select id from evidence_code where project_id = ?")
			.param(source.projectId())
			.query(Long.class)
			.list());
		// The source row is locked until commit, so the same coding sent several times at
		// once is stored once: each request sees the others' coding before adding its
		// own.
		this.jdbc.sql("select id from evidence_source where id = ? for update")
			.param(sourceId)
			.query(Long.class)
			.list();
		List<Long> ids = new ArrayList<>();
		for (Long codeId : codeIds) {
			if (!valid.contains(codeId)) {
				throw new BadRequestException("codes: " + codeId + " is not a code of this project");
			}
			Long existing = this.jdbc
				.sql("select id from evidence_coding where source_id = ? and code_id = ? and coder = ? "
						+ "and start_offset = ? and end_offset = ? and deleted_at is null")
				.params(sourceId, codeId, user.getUsername(), start, end)
				.query(Long.class)
				.optional()
				.orElse(null);
			if (existing != null) {
				ids.add(existing);
				continue;
			}
			ids.add(insertCoding(user.tenantId(), source.projectId(), sourceId, codeId, user.getUsername(), start, end,
					origin, score));
		}
		return ids;
	}

	/** Stores one coding as it is (the caller has checked the span and the code). */
	long insertCoding(long tenantId, long projectId, long sourceId, long codeId, String coder, int start, int end,
			String origin, Double score) {
		var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
		this.jdbc
			.sql("insert into evidence_coding (tenant_id, project_id, source_id, code_id, coder, start_offset, "
					+ "end_offset, origin, score, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(tenantId, projectId, sourceId, codeId, coder, start, end, origin, score,
					Timestamp.valueOf(LocalDateTime.now()))
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	/** Removes one of the viewer's own codings (undoable). */
	@Transactional
	public void uncode(BalconyUser user, long codingId) {
		requireAnalyst(user);
		int updated = this.jdbc
			.sql("update evidence_coding set deleted_at = ? where id = ? and tenant_id = ? "
					+ "and coder = ? and deleted_at is null")
			.params(Timestamp.valueOf(LocalDateTime.now()), codingId, user.tenantId(), user.getUsername())
			.update();
		if (updated == 0) {
			throw new NotFoundException("No such coding of yours");
		}
	}

	/** Undoes the viewer's last coding action on a source (a coding added or removed). */
	@Transactional
	public String undo(BalconyUser user, long sourceId) {
		source(user, sourceId, false);
		record Action(long id, Timestamp created, Timestamp deleted) {
		}
		List<Action> actions = this.jdbc
			.sql("select id, created_at, deleted_at from evidence_coding " + "where source_id = ? and coder = ?")
			.params(sourceId, user.getUsername())
			.query((rs, n) -> new Action(rs.getLong(1), rs.getTimestamp(2), rs.getTimestamp(3)))
			.list();
		Action last = null;
		Timestamp lastAt = null;
		for (Action a : actions) {
			Timestamp at = a.deleted() != null && a.deleted().after(a.created()) ? a.deleted() : a.created();
			if (lastAt == null || !at.before(lastAt)) {
				last = a;
				lastAt = at;
			}
		}
		if (last == null) {
			return "Nothing to undo";
		}
		if (last.deleted() != null) {
			this.jdbc.sql("update evidence_coding set deleted_at = null, created_at = ? where id = ?")
				.params(Timestamp.valueOf(LocalDateTime.now()), last.id())
				.update();
			return "Restored a removed coding";
		}
		this.jdbc.sql("delete from evidence_coding where id = ?").param(last.id()).update();
		return "Removed the last coding";
	}

	// ---------------------------------------------------------------- memos

	public record Memo(long id, String targetType, long targetId, String author, String body, LocalDateTime at) {
	}

	@Transactional
	public long addMemo(BalconyUser user, long projectId, String targetType, long targetId, String body) {
		project(user, projectId);
		if (body == null || body.isBlank()) {
			throw new BadRequestException("body: write something");
		}
		if (body.strip().length() > 8000) {
			throw new BadRequestException("body: keep a memo under 8,000 characters");
		}
		String table = switch (targetType == null ? "" : targetType) {
			case "SOURCE" -> "evidence_source";
			case "CODE" -> "evidence_code";
			case "CODING" -> "evidence_coding";
			case "PROJECT" -> "evidence_project";
			default -> throw new BadRequestException("targetType: use SOURCE, CODE, CODING or PROJECT");
		};
		boolean belongs = "PROJECT".equals(targetType) ? targetId == projectId
				: exists("select count(*) from " + table + " where id = ? and project_id = ?", targetId, projectId);
		if (!belongs) {
			throw new BadRequestException("targetId: " + targetId + " is not a "
					+ targetType.toLowerCase(java.util.Locale.ROOT) + " of this project");
		}
		return insertMemo(user.tenantId(), projectId, targetType, targetId, user.getUsername(), body.strip());
	}

	/** Stores one memo as it is (the caller has checked the target and the text). */
	/** Part of a source's (redacted) text. */
	String sourceText(long sourceId, int start, int end) {
		String content = this.jdbc.sql("select content from evidence_source where id = ?")
			.param(sourceId)
			.query(String.class)
			.single();
		return content.substring(Math.max(0, start), Math.min(content.length(), end));
	}

	long insertMemo(long tenantId, long projectId, String targetType, long targetId, String author, String body) {
		this.jdbc
			.sql("insert into evidence_memo (tenant_id, project_id, target_type, target_id, author, body, created_at) "
					+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(tenantId, projectId, targetType, targetId, author, body, Timestamp.valueOf(LocalDateTime.now()))
			.update();
		return this.jdbc.sql("select max(id) from evidence_memo where project_id = ? and author = ?")
			.params(projectId, author)
			.query(Long.class)
			.single();
	}

	@Transactional(readOnly = true)
	public List<Memo> memos(BalconyUser user, long projectId, String targetType, Long targetId) {
		project(user, projectId);
		return this.jdbc
			.sql("select id, target_type, target_id, author, body, created_at from evidence_memo "
					+ "where tenant_id = ? and project_id = ?"
					+ (targetType == null ? "" : " and target_type = ? and target_id = ?") + " order by created_at")
			.params(targetType == null ? List.of(user.tenantId(), projectId)
					: List.of(user.tenantId(), projectId, targetType, targetId))
			.query((rs, n) -> new Memo(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
					rs.getTimestamp(6).toLocalDateTime()))
			.list();
	}

	// ---------------------------------------------------------------- helpers

	Long projectId(long tenantId, String name) {
		return this.jdbc.sql("select id from evidence_project where tenant_id = ? and name = ?")
			.params(tenantId, name)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	void auditExport(BalconyUser user, long projectId, int codings) {
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_EXPORTED", "project " + projectId,
				codings + " codings as a table");
	}

	Framework projectFramework(long tenantId, Project project) {
		if (project.frameworkKey() == null) {
			return null;
		}
		return this.frameworks.find(tenantId, project.frameworkKey(), project.frameworkVersion()).orElse(null);
	}

	private boolean exists(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single() > 0;
	}

	static String toJson(Map<String, String> map) {
		try {
			return JSON.writeValueAsString(map);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> fromJson(String json) {
		try {
			return JSON.readValue(json == null ? "{}" : json, new TypeReference<TreeMap<String, String>>() {
			});
		}
		catch (JsonProcessingException ex) {
			return Map.of();
		}
	}

}
