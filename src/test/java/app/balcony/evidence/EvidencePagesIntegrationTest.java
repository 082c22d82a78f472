package app.balcony.evidence;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.DemoIcs;
import app.balcony.system.SystemImport;
import app.balcony.system.directory.Directory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator's path through the pages on the Northvale demo: the demo interviews are
 * redacted and coded by two coders; the evaluator reviews the one waiting source, codes
 * by sentence and by exact selection, accepts a suggestion, compares the coders, reads
 * the paradox-by-level matrix, tensions and a code's passages, and imports a file with
 * progress.
 */
class EvidencePagesIntegrationTest extends IntegrationTestBase {

	@Autowired
	DemoIcs demo;

	@Autowired
	EvidenceDemo evidenceDemo;

	@Autowired
	Directory system;

	@Autowired
	JdbcTemplate jdbc;

	private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

	Tenant northvale;

	long projectId;

	@BeforeEach
	void demo() {
		this.northvale = this.demo.ensure(42, 600, Progress.NONE);
		this.projectId = this.evidenceDemo.ensure(this.northvale);
	}

	Browser as(Role role) {
		return demoAs(role);
	}

	@Test
	void demoInterviewsAreRedactedAndCodedByTwoCoders() {
		assertThat(this.evidenceDemo.ensure(this.northvale)).as("loading twice is a no-op").isEqualTo(this.projectId);
		List<String> contents = this.jdbc.queryForList("select content from evidence_source where project_id = ?",
				String.class, this.projectId);
		assertThat(contents).hasSizeGreaterThanOrEqualTo(8);
		List<String> people = this.system.knownNames(this.northvale.id()).people();
		for (String content : contents) {
			assertThat(people).noneMatch(content::contains);
			assertThat(content).doesNotContain("{{").doesNotContain("Kingsmere and Harrowdale Hospitals NHS Trust");
		}
		assertThat(String.join("\n", contents)).contains("[Person 1]:")
			.contains("[Organisation ")
			.contains("[Email 1]")
			.contains("[Phone 1]");
		assertThat(
				this.jdbc.queryForList("select distinct coder from evidence_coding where project_id = ? order by coder",
						String.class, this.projectId))
			.containsExactly("admin@northvale.example", "analyst@northvale.example");
	}

	@Test
	void theDemoInterviewsCanBeDownloadedAndImportedByHand() throws Exception {
		Browser analyst = as(Role.ANALYST);
		assertThat(analyst.get("/evidence").body()).contains("download the demo interviews");
		var download = analyst.getBytes("/evidence/demo-interviews.zip");
		assertThat(download.statusCode()).isEqualTo(200);
		Map<String, String> files = new java.util.TreeMap<>();
		try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(download.body()))) {
			for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(files).hasSize(9).containsKey("northvale-interviews/attributes.csv");
		assertThat(files.get("northvale-interviews/attributes.csv"))
			.startsWith("file,level,place,sector,role\n\"system-01.txt\",\"system\",\"Northvale\"");
		List<String> people = this.system.knownNames(this.northvale.id()).people();
		String all = String.join("\n", files.values());
		assertThat(all).doesNotContain("{{");
		assertThat(people).anyMatch(all::contains);

		// Imported into a new project, every file but the attributes comes in, redacted.
		String token = this.accounts.createApiToken(this.northvale.id(), "analyst@northvale.example", "t", "t");
		Browser api = browser();
		long fresh = this.json
			.readTree(api.sendJson("POST", "/api/v1/evidence/projects",
					"{\"name\":\"By hand " + System.nanoTime() + "\",\"framework\":\"paradox\"}", token)
				.body())
			.get("id")
			.asLong();
		var imported = api.postFiles("/api/v1/evidence/projects/" + fresh + "/sources",
				Map.of("northvale-interviews.zip", download.body()), Map.of(), token);
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
		assertThat(this.json.readTree(imported.body()).get("sourceIds")).hasSize(8);
		String review = analyst.get("/evidence/projects/" + fresh).body();
		assertThat(review).contains("system-01");
		// Each file got its own attributes from attributes.csv.
		assertThat(this.jdbc.queryForObject(
				"select attributes from evidence_source where project_id = ? and name = 'place-01'", String.class,
				fresh))
			.contains("\"level\":\"place\"")
			.contains("\"place\":\"Harrowdale\"");
		// A sheet that names a missing file or an unknown column stops the import, saying
		// where.
		var bad = api.postFiles("/api/v1/evidence/projects/" + fresh + "/sources",
				Map.of("extra.txt", "Interviewer: Hello?\nLead: Hello.".getBytes(StandardCharsets.UTF_8),
						"attributes.csv",
						"file,Level,Age\nextra.txt,place,52\nmissing.txt,system,40\n".getBytes(StandardCharsets.UTF_8)),
				Map.of(), token);
		assertThat(bad.statusCode()).isEqualTo(422);
		assertThat(bad.body()).contains("attributes.csv, column 'Age': not an attribute Balcony records")
			.contains("'missing' is not among the files imported");
		assertThat(this.jdbc.queryForObject("select count(*) from evidence_source where project_id = ?", Long.class,
				fresh))
			.isEqualTo(8);

		// Only the demo ICS has them.
		Tenant other = newTenant("evidence-no-demo");
		Browser stranger = signedIn(Role.ANALYST, other);
		assertThat(stranger.get("/evidence").body()).doesNotContain("download the demo interviews");
		assertThat(stranger.getBytes("/evidence/demo-interviews.zip").statusCode()).isEqualTo(404);
		assertThat(as(Role.MEMBER).getBytes("/evidence/demo-interviews.zip").statusCode()).isEqualTo(403);
	}

	@Test
	void evaluatorReviewsCodesComparesAndImports() throws Exception {
		Browser analyst = as(Role.ANALYST);
		String index = analyst.get("/evidence").body();
		assertThat(index).contains("Northvale leadership interviews 2026").contains("Import a project");
		String project = analyst.get("/evidence/projects/" + this.projectId).body();
		assertThat(project).contains("system-01").contains("Check redaction").contains("Ready to code");
		assertThat(project).contains("Identity").contains("project.qdpx");

		// Review the waiting source: pseudonyms listed with undo, then confirm.
		long waiting = sourceId("neighbourhood-03");
		String review = analyst.get("/evidence/sources/" + waiting).body();
		assertThat(review).contains("Check redaction").contains("[Person").contains("Confirm redaction");
		long redaction = this.jdbc.queryForObject(
				"select min(id) from evidence_redaction where source_id = ? and kind = 'PERSON'", Long.class, waiting);
		var undo = analyst.post("/evidence/redactions/" + redaction,
				Map.of("applied", "false", "sourceId", String.valueOf(waiting)));
		assertThat(undo.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("select applied from evidence_redaction where id = ?", Boolean.class,
				redaction))
			.isFalse();
		analyst.post("/evidence/redactions/" + redaction,
				Map.of("applied", "true", "sourceId", String.valueOf(waiting)));
		analyst.post("/evidence/sources/" + waiting + "/confirm", Map.of());
		String coding = analyst.get("/evidence/sources/" + waiting).body();
		assertThat(coding).contains("Apply codes").contains("data-transcript").doesNotContain("Confirm redaction");

		// Code two ticked sentences, then an exact span.
		List<Long> segments = this.jdbc
			.queryForList("select id from evidence_segment where source_id = ? order by position", Long.class, waiting);
		long place = codeId("place");
		long purpose = codeId("purpose");
		var ticked = analyst.postMulti("/evidence/sources/" + waiting + "/codings",
				List.of(Map.entry("codes", String.valueOf(place)),
						Map.entry("segments", String.valueOf(segments.get(2))),
						Map.entry("segments", String.valueOf(segments.get(3)))));
		assertThat(ticked.statusCode()).isEqualTo(302);
		assertThat(analyst.get(location(ticked)).body()).contains("Coded 2 sentences with 1 code.");
		String content = this.jdbc.queryForObject("select content from evidence_source where id = ?", String.class,
				waiting);
		int start = content.indexOf("damp housing");
		var span = analyst.postMulti("/evidence/sources/" + waiting + "/codings",
				List.of(Map.entry("codes", String.valueOf(purpose)), Map.entry("start", String.valueOf(start)),
						Map.entry("end", String.valueOf(start + "damp housing and bus fares".length()))));
		assertThat(analyst.get(location(span)).body()).contains("Coded the passage with 1 code.");
		List<String> coded = this.jdbc.queryForList(
				"select substring(s.content, c.start_offset + 1, c.end_offset - c.start_offset) from evidence_coding c "
						+ "join evidence_source s on s.id = c.source_id where c.source_id = ? and c.coder = ? order by c.id",
				String.class, waiting, "analyst@northvale.example");
		assertThat(coded).hasSize(3).endsWith("damp housing and bus fares");
		String page = analyst.get("/evidence/sources/" + waiting).body();
		assertThat(page).contains("<mark").contains("damp housing and bus fares").contains("Your codings");
		var noCodes = analyst.postMulti("/evidence/sources/" + waiting + "/codings",
				List.of(Map.entry("segments", String.valueOf(segments.get(1)))));
		assertThat(analyst.get(location(noCodes)).body()).contains("tick at least one code");

		// A memo on one coding, written beside it and listed there.
		long spanCoding = this.jdbc.queryForObject(
				"select max(id) from evidence_coding where source_id = ? and coder = 'analyst@northvale.example'",
				Long.class, waiting);
		long projectOfSource = this.jdbc.queryForObject("select project_id from evidence_source where id = ?",
				Long.class, waiting);
		var memo = analyst.post("/evidence/projects/" + projectOfSource + "/memos",
				Map.of("targetType", "CODING", "targetId", String.valueOf(spanCoding), "body",
						"Costs of living, not the system plan.", "back", "/evidence/sources/" + waiting));
		assertThat(memo.headers().firstValue("Location").orElseThrow())
			.endsWith("/evidence/sources/" + waiting + "#codings");
		assertThat(analyst.get("/evidence/sources/" + waiting).body()).contains("Memos on this coding (1)")
			.contains("Costs of living, not the system plan.")
			.contains("id=\"memo-coding-" + spanCoding + "\"");

		// Suggestions beside the text; accepting one records where it came from.
		String suggested = analyst.get("/evidence/sources/" + waiting + "?suggestions=true").body();
		Matcher accept = Pattern.compile("formaction=\"(/evidence/segments/\\d+/suggestions/\\d+/accept)\"")
			.matcher(suggested);
		assertThat(accept.find()).isTrue();
		analyst.postMulti(accept.group(1),
				List.of(Map.entry("sourceId", String.valueOf(waiting)), Map.entry("score", "0.5")));
		assertThat(this.jdbc.queryForObject(
				"select count(*) from evidence_coding where source_id = ? and origin = 'SUGGESTION'", Long.class,
				waiting))
			.isEqualTo(1);

		// Edit a suggestion: its sentence and code come ticked; the analyst changes the
		// code
		// and applies it, recorded as an edited suggestion with the suggestion's score.
		Matcher edit = Pattern.compile(
				"href=\"(/evidence/sources/\\d+\\?suggestions=true&amp;allCoders=false&amp;edit=(\\d+)&amp;editCode=(\\d+)&amp;editScore=([0-9.]+))#apply\"")
			.matcher(analyst.get("/evidence/sources/" + waiting + "?suggestions=true").body());
		assertThat(edit.find()).isTrue();
		String editing = analyst.get(edit.group(1).replace("&amp;", "&")).body();
		assertThat(editing).contains("Editing a suggestion")
			.containsPattern("id=\"pick-" + edit.group(2) + "\"[^>]*checked")
			.containsPattern("id=\"code-" + edit.group(3) + "\"[^>]*checked");
		long change = codeId("change");
		long other = Long.parseLong(edit.group(3)) == change ? codeId("identity") : change;
		analyst.postMulti("/evidence/sources/" + waiting + "/codings",
				List.of(Map.entry("codes", String.valueOf(other)), Map.entry("segments", edit.group(2)),
						Map.entry("editedSuggestion", "true"), Map.entry("suggestionScore", edit.group(4))));
		assertThat(this.jdbc.queryForList(
				"select origin from evidence_coding where source_id = ? and code_id = ? and start_offset = "
						+ "(select start_offset from evidence_segment where id = ?) and score is not null",
				String.class, waiting, other, Long.parseLong(edit.group(2))))
			.containsExactly("EDITED");
		assertThat(analyst.get("/evidence/sources/" + waiting).body()).contains("(from an edited suggestion)");

		// Compare the coders, the matrix, tensions and one code's passages.
		String agreement = analyst.get("/evidence/projects/" + this.projectId + "/agreement").body();
		assertThat(agreement).contains("Cohen's kappa")
			.contains("admin@northvale.example")
			.contains("Disagreements to discuss")
			.contains("the voluntary sector is still invited late");
		String matrix = analyst.get("/evidence/projects/" + this.projectId + "/matrix?attribute=level").body();
		assertThat(matrix).contains("Codes by level")
			.contains("neighbourhood")
			.contains("system")
			.contains("Codes that occur together");
		// A workshop participant from another sector: recorded on the speakers page, it
		// becomes a column of the matrix (then taken back, for the other tests).
		String speakers = analyst.get("/evidence/projects/" + this.projectId + "/speakers").body();
		assertThat(speakers).contains("Speakers and their attributes")
			.contains("Participant 3")
			.contains("Change Participant 3&#39;s attributes");
		var saved = analyst.post("/evidence/projects/" + this.projectId + "/speakers",
				Map.of("speaker", "Participant 3", "sector", "Voluntary sector"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(analyst.get("/evidence/projects/" + this.projectId + "/speakers").body())
			.contains("Attributes of Participant 3 saved")
			.contains("sector: Voluntary sector");
		assertThat(analyst.get("/evidence/projects/" + this.projectId + "/matrix?attribute=sector").body())
			.contains("Voluntary sector");
		analyst.post("/evidence/projects/" + this.projectId + "/speakers", Map.of("speaker", "Participant 3"));
		assertThat(analyst.get("/evidence/projects/" + this.projectId + "/matrix?attribute=sector").body())
			.doesNotContain("Voluntary sector");
		String tensions = analyst.get("/evidence/projects/" + this.projectId + "/tensions").body();
		assertThat(tensions).contains("fine line").contains("paradox").contains("leaning to opposite poles");
		String passages = analyst.get("/evidence/projects/" + this.projectId + "/codes/" + codeId("change")).body();
		assertThat(passages).contains("coded passages").contains("exhausted");

		// Import through the page: a background job with progress, then the new source.
		var submitted = analyst.postFiles("/evidence/projects/" + this.projectId + "/sources",
				Map.of("follow-up.txt",
						"Interviewer: Anything to add?\nLeader: Only that trust takes longer than a funding cycle.\n"
							.getBytes(StandardCharsets.UTF_8)),
				Map.of("level", "place"), null);
		assertThat(submitted.statusCode()).isEqualTo(302);
		String jobPage = location(submitted);
		assertThat(jobPage).contains("/imports/");
		String status = "";
		for (int i = 0; i < 100 && !status.contains("Imported"); i++) {
			Thread.sleep(100);
			status = analyst.get(jobPage + "/status").body();
		}
		assertThat(status).contains("Imported 1 sources");
		assertThat(sourceId("follow-up")).isPositive();

		// Members never see evidence.
		assertThat(as(Role.MEMBER).get("/evidence").statusCode()).isEqualTo(403);
	}

	private static String location(java.net.http.HttpResponse<?> response) {
		java.net.URI uri = java.net.URI.create(response.headers().firstValue("Location").orElseThrow());
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	private long sourceId(String name) {
		return this.jdbc.queryForObject("select id from evidence_source where project_id = ? and name = ?", Long.class,
				this.projectId, name);
	}

	private long codeId(String key) {
		return this.jdbc.queryForObject("select id from evidence_code where project_id = ? and ckey = ?", Long.class,
				this.projectId, key);
	}

}
