package app.balcony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-access rules of docs/developer/conventions.md, checked on the SQL in the main
 * sources (string literals and text blocks, with the pieces of a concatenation joined):
 * <ul>
 * <li>every table is read and written by one module only (others ask its API);</li>
 * <li>every statement against a table with a {@code tenant_id} column filters on the
 * tenant, or is keyed by an id (or a token's hash) already checked against it, or is one
 * of the few sweeps over every tenant listed below with the reason;</li>
 * <li>no {@code select max(id)} for a generated id (wrong under concurrency: use a key
 * holder);</li>
 * <li>rows are read by column name, never by position.</li>
 * </ul>
 */
class SqlConventionsTest {

	private static final Path MAIN = Path.of("src/main/java/app/balcony");

	private static final Pattern STATEMENT = Pattern
		.compile("^\\s*(select|insert|update|delete|with|merge)\\b[\\s\\S]*", Pattern.CASE_INSENSITIVE);

	private static final Pattern TABLE = Pattern
		.compile("\\b(from|join|into|update)\\s+([a-z_][a-z0-9_]*)\\b(?!\\s*\\()", Pattern.CASE_INSENSITIVE);

	/**
	 * Keyed by an id the caller has already checked against the tenant: a primary or
	 * parent key, or the hash of a secret token (the token is the credential).
	 */
	private static final Pattern KEYED = Pattern.compile(
			"\\bwhere\\b[\\s\\S]*?\\b(\\w+\\.)?(id|\\w+_id|token_hash|response_id)\\s*(=|in\\b)\\s*(:|\\?|\\(|#)",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Statements that rightly span every tenant, each with why (matched by a fragment of
	 * the statement).
	 */
	private static final Map<String, String> SWEEPS = Map.of(
			"from campaign where status in ('OPEN', 'DRAFT') and closes_on <",
			"the scheduled close of campaigns past their date, in every tenant",
			"from feedback where status = 'OPEN' and closes_on <",
			"the scheduled close of 360s past their date, in every tenant",
			"from job where status = 'QUEUED' and job_type in",
			"a worker claims queued jobs of every tenant (each runs with its own tenant)",
			"update job set status = 'FAILED', finished_at = :now, message = :message where status = 'RUNNING' and heartbeat_at <",
			"jobs whose instance died, failed after too many attempts, in every tenant",
			"update job set status = 'QUEUED', claimed_by = null where status = 'RUNNING' and heartbeat_at <",
			"jobs whose instance died, queued again, in every tenant");

	private static Map<String, Boolean> tenantTables;

	private static List<Sql> statements;

	record Sql(String module, Path file, String text) {
	}

	@BeforeAll
	static void read() throws IOException {
		tenantTables = new TreeMap<>();
		try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
			for (Path f : files.sorted().toList()) {
				String sql = Files.readString(f).toLowerCase(Locale.ROOT);
				Matcher create = Pattern.compile("create table (if not exists )?([a-z_0-9]+)\\s*\\(").matcher(sql);
				while (create.find()) {
					String body = body(sql, create.end() - 1);
					tenantTables.merge(create.group(2), body.matches("(?s).*\\btenant_id\\b.*"), Boolean::logicalOr);
				}
				Matcher alter = Pattern.compile("alter table ([a-z_0-9]+) add (column )?(if not exists )?tenant_id\\b")
					.matcher(sql);
				while (alter.find()) {
					tenantTables.put(alter.group(1), true);
				}
			}
		}
		statements = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
				Path rel = MAIN.relativize(f);
				String module = rel.getNameCount() > 1 ? rel.getName(0).toString() : "(root)";
				for (String s : strings(Files.readString(f))) {
					if (STATEMENT.matcher(s).matches()) {
						statements.add(new Sql(module, rel, s.replaceAll("\\s+", " ").strip()));
					}
				}
			}
		}
	}

	@Test
	void theCheckSeesTheStatementsAndTheTenantTables() {
		// A check that found nothing would pass whatever the code did.
		assertThat(statements).hasSizeGreaterThan(300);
		assertThat(tenantTables).containsEntry("campaign", true)
			.containsEntry("network_tie", true)
			.containsEntry("tenant", false);
		assertThat(statements).anyMatch(s -> s.file().endsWith("CampaignStore.java") && s.text()
			.startsWith("insert into campaign (tenant_id, name, instrument_key, anonymous, opens_on, closes_on,"));
	}

	@Test
	void everyTableIsUsedByOneModuleOnly() {
		Map<String, Set<String>> modules = new TreeMap<>();
		Map<String, List<String>> where = new TreeMap<>();
		for (Sql s : statements) {
			for (String table : tables(s.text())) {
				if (tenantTables.containsKey(table)) {
					modules.computeIfAbsent(table, t -> new TreeSet<>()).add(s.module());
					where.computeIfAbsent(table, t -> new ArrayList<>()).add(s.file().toString());
				}
			}
		}
		Map<String, String> shared = new LinkedHashMap<>();
		modules.forEach((table, users) -> {
			if (users.size() > 1) {
				shared.put(table, users + " in " + new TreeSet<>(where.get(table)));
			}
		});
		assertThat(shared).as("tables whose SQL is in more than one module (use the owning module's API)").isEmpty();
	}

	@Test
	void everyStatementOnATenantTableFiltersOnTheTenantOrIsKeyedByACheckedId() {
		assertThat(unfiltered(statements)).as("statements on tenant tables with no tenant filter and no checked key")
			.isEmpty();
	}

	@Test
	void theTenantCheckCatchesAStatementThatForgetsTheTenant() {
		String java = """
				class X {
					void a() {
						jdbc.sql("select * from campaign where name = :name" + " order by id").list();
						jdbc.sql("select id from campaign where " + valid("c") + " and tenant_id = :t").list();
						jdbc.sql(\"""
								update campaign_invitation set draft = null
								where id = :invitation\""").update();
					}
				}
				""";
		List<Sql> found = strings(java).stream()
			.filter(x -> STATEMENT.matcher(x).matches())
			.map(x -> new Sql("assessment", Path.of("X.java"), x.replaceAll("\\s+", " ").strip()))
			.toList();
		assertThat(found).extracting(Sql::text)
			.containsExactly("select * from campaign where name = :name order by id",
					"select id from campaign where # and tenant_id = :t",
					"update campaign_invitation set draft = null where id = :invitation");
		assertThat(unfiltered(found)).containsExactly("X.java: select * from campaign where name = :name order by id");
	}

	private static List<String> unfiltered(List<Sql> sqls) {
		List<String> unfiltered = new ArrayList<>();
		for (Sql s : sqls) {
			String text = s.text();
			String lower = text.toLowerCase(Locale.ROOT);
			boolean touchesTenantTable = tables(text).stream().anyMatch(t -> tenantTables.getOrDefault(t, false));
			if (!touchesTenantTable || lower.contains("tenant_id")) {
				continue;
			}
			if (lower.startsWith("insert") && !lower.contains(" select ")) {
				// An insert into a tenant table without tenant_id cannot succeed (not
				// null); inserts into child rows keyed by their parent are fine.
				continue;
			}
			if (KEYED.matcher(text).find() || SWEEPS.keySet().stream().anyMatch(text::contains)) {
				continue;
			}
			unfiltered.add(s.file() + ": " + text);
		}
		return unfiltered;
	}

	@Test
	void noGeneratedIdIsReadBackWithMax() {
		assertThat(statements.stream()
			.filter(s -> s.text().toLowerCase(Locale.ROOT).matches(".*select max\\(\\s*id\\s*\\).*"))
			.map(s -> s.file() + ": " + s.text())
			.toList()).as("use a key holder for generated ids").isEmpty();
	}

	@Test
	void rowsAreReadByColumnName() throws IOException {
		List<String> positional = new ArrayList<>();
		Pattern byPosition = Pattern.compile("\\brs\\.get\\w+\\(\\s*\\d");
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
				List<String> lines = Files.readAllLines(f);
				for (int i = 0; i < lines.size(); i++) {
					if (byPosition.matcher(lines.get(i)).find()) {
						positional.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
					}
				}
			}
		}
		assertThat(positional).as("columns read by position (name them; alias where needed)").isEmpty();
	}

	private static Set<String> tables(String sql) {
		Set<String> out = new TreeSet<>();
		Matcher m = TABLE.matcher(sql);
		while (m.find()) {
			out.add(m.group(2).toLowerCase(Locale.ROOT));
		}
		return out;
	}

	/** The text between the parenthesis at {@code open} and its match. */
	private static String body(String text, int open) {
		int depth = 0;
		for (int i = open; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return text.substring(open + 1, i);
			}
		}
		return text.substring(open + 1);
	}

	/**
	 * The string values of a Java source: each literal or text block, joined with the
	 * literals it is concatenated with ({@code "a" + x + "b"} gives {@code a#b}, the
	 * expression standing as {@code #}).
	 */
	static List<String> strings(String java) {
		List<String> out = new ArrayList<>();
		StringBuilder current = null;
		boolean joining = false;
		int depth = 0;
		int i = 0;
		int n = java.length();
		while (i < n) {
			char c = java.charAt(i);
			if (c == '/' && i + 1 < n && java.charAt(i + 1) == '/') {
				i = java.indexOf('\n', i);
				i = i < 0 ? n : i;
				continue;
			}
			if (c == '/' && i + 1 < n && java.charAt(i + 1) == '*') {
				int end = java.indexOf("*/", i + 2);
				i = end < 0 ? n : end + 2;
				continue;
			}
			if (c == '\'') {
				int end = i + 1;
				while (end < n && java.charAt(end) != '\'') {
					end += java.charAt(end) == '\\' ? 2 : 1;
				}
				i = end + 1;
				continue;
			}
			if (c == '"') {
				String value;
				if (java.startsWith("\"\"\"", i)) {
					int end = java.indexOf("\"\"\"", i + 3);
					value = java.substring(java.indexOf('\n', i) + 1, end);
					i = end + 3;
				}
				else {
					int end = i + 1;
					while (java.charAt(end) != '"') {
						end += java.charAt(end) == '\\' ? 2 : 1;
					}
					value = java.substring(i + 1, end);
					i = end + 1;
				}
				if (current != null && depth > 0) {
					// An argument of an expression within the statement.
					continue;
				}
				if (current != null && joining) {
					current.append(value);
				}
				else {
					if (current != null) {
						out.add(current.toString());
					}
					current = new StringBuilder(value);
					depth = 0;
				}
				joining = false;
				continue;
			}
			if (current != null) {
				if (c == '(') {
					depth++;
				}
				else if (c == ')' && depth > 0) {
					depth--;
				}
				else if (depth == 0 && (c == ')' || c == ',' || c == ';' || c == '{' || c == '}')) {
					out.add(current.toString());
					current = null;
					joining = false;
				}
				else if (depth == 0 && c == '+') {
					joining = true;
				}
				else if (depth == 0 && joining && !Character.isWhitespace(c)
						&& current.charAt(current.length() - 1) != '#') {
					current.append('#');
				}
			}
			i++;
		}
		if (current != null) {
			out.add(current.toString());
		}
		return out;
	}

}
