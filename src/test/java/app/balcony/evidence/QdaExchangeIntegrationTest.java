package app.balcony.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work moves to and from NVivo, ATLAS.ti, MAXQDA and QualCoder through REFI-QDA: a
 * project coded by two coders, with attributes, memos and characters outside the Basic
 * Multilingual Plane, survives export to .qdpx and import back (twice) with every coding,
 * offset and memo; codebooks go through .qdc; bad archives change nothing. Also the
 * analysis views and table exports of the same project.
 */
class QdaExchangeIntegrationTest extends IntegrationTestBase {

	private final ObjectMapper json = new ObjectMapper();

	@Autowired
	JdbcTemplate jdbc;

	// The emoji (two UTF-16 units, one code point) before the coded passages makes the
	// REFI-QDA positions (code points) differ from Balcony's offsets (UTF-16 units).
	static final String TRANSCRIPT = """
			Interviewer: How is the place partnership going? 🙂
			Leader: We agreed one approach for the whole county, but every town wants its own way of doing it.
			Leader: Naïve as it sounds, I think trust grew when we stopped counting who paid for what.
			Interviewer: Thank you.
			""";

	@Test
	void projectRoundTripsThroughQdpxWithCodingsOffsetsCodersAndMemos() throws Exception {
		Tenant tenant = newTenant("exchange");
		String first = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		String second = this.accounts.createApiToken(tenant.id(), user(Role.ADMIN, tenant), "t", "t");
		Browser api = browser();

		long projectId = ok(api.sendJson("POST", "/api/v1/evidence/projects",
				"{\"name\":\"Exchange study\",\"description\":\"Place leaders, spring\",\"framework\":\"paradox\"}",
				first), 201)
			.get("id")
			.asLong();
		JsonNode codes = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/codes", first), 200);
		long place = idOf(codes, "place");
		long change = idOf(codes, "change");
		long local = ok(api.sendJson("POST", "/api/v1/evidence/projects/" + projectId + "/codes",
				"{\"name\":\"Local variation\",\"parentId\":" + place
						+ ",\"definition\":\"Towns doing it their way\",\"colour\":\"#AA3300\"}",
				first), 201)
			.get("id")
			.asLong();
		long sourceId = ok(api.postFiles("/api/v1/evidence/projects/" + projectId + "/sources",
				Map.of("leader-1.txt", TRANSCRIPT.getBytes(StandardCharsets.UTF_8)),
				Map.of("level", "place", "sector", "Local authority"), first), 201)
			.get("sourceIds")
			.get(0)
			.asLong();
		ok(api.sendJson("POST", "/api/v1/evidence/sources/" + sourceId + "/confirm-redaction", null, first), 200);
		String content = ok(api.getJson("/api/v1/evidence/sources/" + sourceId, first), 200).get("content").asText();
		int a = content.indexOf("We agreed");
		int aEnd = content.indexOf("doing it.") + "doing it.".length();
		int b = content.indexOf("I think trust grew");
		int bEnd = content.indexOf("paid for what.") + "paid for what.".length();
		code(api, first, sourceId, List.of(place, local), a, aEnd);
		code(api, first, sourceId, List.of(change), b, bEnd);
		code(api, second, sourceId, List.of(place), a, content.indexOf(", but"));
		long firstCoding = ok(api.getJson("/api/v1/evidence/sources/" + sourceId, first), 200).get("codings")
			.get(0)
			.get("id")
			.asLong();
		memo(api, first, projectId, "PROJECT", projectId, "Second round planned for autumn.");
		memo(api, first, projectId, "SOURCE", sourceId, "Interview held in the town hall.");
		memo(api, second, projectId, "CODE", local, "Watch for this in the north.");
		memo(api, first, projectId, "CODING", firstCoding, "Clear statement of both poles.");
		var wrongTarget = api.sendJson("POST", "/api/v1/evidence/projects/" + projectId + "/memos",
				"{\"targetType\":\"SOURCE\",\"targetId\":999999,\"body\":\"x\"}", first);
		assertThat(wrongTarget.statusCode()).isEqualTo(400);
		assertThat(wrongTarget.body()).contains("targetId: 999999 is not a source of this project");

		// The leader's own attributes (the source's are the interview's).
		ok(api.sendJson("PUT", "/api/v1/evidence/projects/" + projectId + "/speakers",
				"{\"speaker\":\"Leader\",\"attributes\":{\"level\":\"system\",\"role\":\"Director\"}}", first), 200);

		Snapshot before = snapshot(api, first, projectId);
		assertThat(before.codings()).hasSize(4);
		assertThat(before.memos()).hasSize(4);
		assertThat(before.speakers()).contains("Leader|2|{\"level\":\"system\",\"role\":\"Director\"}");

		// Export: project.qde in the project namespace, texts in a lowercase sources/
		// folder,
		// positions counted in code points.
		byte[] qdpx = bytes(api, "/api/v1/evidence/projects/" + projectId + "/project.qdpx", first);
		Map<String, byte[]> entries = unzip(qdpx);
		assertThat(entries).containsKey("project.qde");
		assertThat(entries.keySet()).filteredOn(k -> k.startsWith("sources/") && k.endsWith(".txt")).hasSize(1);
		Document qde = parse(entries.get("project.qde"));
		Element root = qde.getDocumentElement();
		assertThat(root.getNamespaceURI()).isEqualTo("urn:QDA-XML:project:1.0");
		assertThat(root.getLocalName()).isEqualTo("Project");
		assertThat(childNames(root)).containsSubsequence("Users", "CodeBook", "Variables", "Cases", "Sources", "Notes");
		// The speaker travels as a case holding their two turns.
		NodeList cases = qde.getElementsByTagNameNS("*", "Case");
		assertThat(cases.getLength()).isEqualTo(1);
		Element leader = (Element) cases.item(0);
		assertThat(leader.getAttribute("name")).isEqualTo("Leader");
		assertThat(leader.getElementsByTagNameNS("*", "SelectionRef").getLength()).isEqualTo(2);
		assertThat(leader.getElementsByTagNameNS("*", "TextValue").getLength()).isEqualTo(2);
		assertThat(qde.getElementsByTagNameNS("*", "User").getLength()).isEqualTo(2);
		NodeList selections = qde.getElementsByTagNameNS("*", "PlainTextSelection");
		List<Integer> starts = new ArrayList<>();
		for (int i = 0; i < selections.getLength(); i++) {
			starts.add(Integer.parseInt(((Element) selections.item(i)).getAttribute("startPosition")));
		}
		assertThat(starts).contains(content.codePointCount(0, a)).doesNotContain(a);

		// Import as a new project: everything comes back.
		JsonNode summary = ok(api.postFiles("/api/v1/evidence/projects/import", Map.of("study.qdpx", qdpx),
				Map.of("name", "Copy"), first), 201);
		assertThat(summary.get("sources").asInt()).isEqualTo(1);
		assertThat(summary.get("codings").asInt()).isEqualTo(4);
		assertThat(summary.get("memos").asInt()).isEqualTo(4);
		long copyId = summary.get("projectId").asLong();
		Snapshot after = snapshot(api, first, copyId);
		assertThat(after).isEqualTo(before);

		// A second trip changes nothing either.
		byte[] again = bytes(api, "/api/v1/evidence/projects/" + copyId + "/project.qdpx", first);
		long thirdId = ok(api.postFiles("/api/v1/evidence/projects/import", Map.of("again.qdpx", again),
				Map.of("name", "Copy of copy"), first), 201)
			.get("projectId")
			.asLong();
		assertThat(snapshot(api, first, thirdId)).isEqualTo(before);

		// Codebook through .qdc: into an empty project, then again (nothing duplicated).
		byte[] qdc = bytes(api, "/api/v1/evidence/projects/" + projectId + "/codebook.qdc", first);
		Element codebook = parse(qdc).getDocumentElement();
		assertThat(codebook.getNamespaceURI()).isEqualTo("urn:QDA-XML:codebook:1.0");
		long empty = ok(api.sendJson("POST", "/api/v1/evidence/projects", "{\"name\":\"Blank\"}", first), 201).get("id")
			.asLong();
		assertThat(ok(api.postFiles("/api/v1/evidence/projects/" + empty + "/codebook", Map.of("book.qdc", qdc),
				Map.of(), first), 201)
			.get("added")
			.asInt()).isEqualTo(5);
		assertThat(ok(api.postFiles("/api/v1/evidence/projects/" + empty + "/codebook", Map.of("book.qdc", qdc),
				Map.of(), first), 201)
			.get("added")
			.asInt()).isZero();
		assertThat(codeTree(api, first, empty)).isEqualTo(codeTree(api, first, projectId));

		// Bad archives: a clear error, and no project is left half-made.
		long projectsBefore = count("select count(*) from evidence_project where tenant_id = ?", tenant.id());
		String qdeText = new String(entries.get("project.qde"), StandardCharsets.UTF_8);
		Map<String, byte[]> broken = new LinkedHashMap<>(entries);
		broken.put("project.qde",
				qdeText.replaceFirst("endPosition=\"\\d+\"", "endPosition=\"99999\"").getBytes(StandardCharsets.UTF_8));
		var outOfRange = api.postFiles("/api/v1/evidence/projects/import", Map.of("broken.qdpx", zip(broken)),
				Map.of("name", "Broken"), first);
		assertThat(outOfRange.statusCode()).isEqualTo(400);
		assertThat(outOfRange.body()).contains("source 'leader-1'").contains("endPosition=99999");
		Map<String, byte[]> hostile = new LinkedHashMap<>(entries);
		hostile.put("project.qde",
				("<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
						+ "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&x;\"/>")
					.getBytes(StandardCharsets.UTF_8));
		var xxe = api.postFiles("/api/v1/evidence/projects/import", Map.of("hostile.qdpx", zip(hostile)), Map.of(),
				first);
		assertThat(xxe.statusCode()).isEqualTo(400);
		assertThat(xxe.body()).contains("not well-formed XML").doesNotContain("root:");
		var notZip = api.postFiles("/api/v1/evidence/projects/import", Map.of("notes.qdpx", "hello".getBytes()),
				Map.of(), first);
		assertThat(notZip.statusCode()).isEqualTo(400);
		assertThat(count("select count(*) from evidence_project where tenant_id = ?", tenant.id()))
			.isEqualTo(projectsBefore);

		// Another tenant sees none of it; members cannot export.
		Tenant other = newTenant("exchange-other");
		String stranger = this.accounts.createApiToken(other.id(), user(Role.ANALYST, other), "t", "t");
		assertThat(api.getBytes("/api/v1/evidence/projects/" + projectId + "/project.qdpx", stranger).statusCode())
			.isEqualTo(404);
		String member = this.accounts.createApiToken(tenant.id(), user(Role.MEMBER, tenant), "t", "t");
		assertThat(api.getBytes("/api/v1/evidence/projects/" + projectId + "/project.qdpx", member).statusCode())
			.isEqualTo(403);
	}

	@Test
	void importedProjectIsRedactedAndItsCodingsMoveWithTheText() throws Exception {
		Tenant tenant = newTenant("exchange-redact");
		this.jdbc.update(
				"insert into person (tenant_id, external_id, name, staff_group, seniority) values (?, ?, ?, ?, ?)",
				tenant.id(), "P-1", "Priya Raman", "CLINICAL", "SENIOR");
		String analyst = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		Browser api = browser();
		String text = "Priya Raman said the hub works because Priya Raman trusts the council.";
		int start = text.indexOf("the hub works");
		int end = text.indexOf(" trusts") + " trusts".length();
		String turns = "Priya Raman: The hub works.\nInterviewer: Why?\nPriya Raman: Trust, mostly.";
		int firstTurnEnd = "Priya Raman: The hub works.".length();
		// A project as another tool would write it: text inline, codes, one selection; a
		// case for the source, one for a participant (her first turn), one for a passage
		// with no speaker.
		String qde = """
				<?xml version="1.0" encoding="utf-8"?>
				<Project xmlns="urn:QDA-XML:project:1.0" name="From NVivo">
				  <Users><User guid="11111111-1111-1111-1111-111111111111" name="Jo Coder"/></Users>
				  <CodeBook><Codes>
				    <Code guid="22222222-2222-2222-2222-222222222222" name="Trust" isCodable="true" color="#0A0"/>
				  </Codes></CodeBook>
				  <Variables><Variable guid="33333333-3333-3333-3333-333333333333" name="Staff group" typeOfVariable="Text"/></Variables>
				  <Cases><Case guid="44444444-4444-4444-4444-444444444444" name="Case 1">
				    <VariableValue><VariableRef targetGUID="33333333-3333-3333-3333-333333333333"/><TextValue>Clinical</TextValue></VariableValue>
				    <SourceRef targetGUID="55555555-5555-5555-5555-555555555555"/>
				  </Case>
				  <Case guid="44444444-4444-4444-4444-444444444445" name="Participant P">
				    <VariableValue><VariableRef targetGUID="33333333-3333-3333-3333-333333333333"/><TextValue>Nursing</TextValue></VariableValue>
				    <SelectionRef targetGUID="66666666-6666-6666-6666-666666666667"/>
				  </Case>
				  <Case guid="44444444-4444-4444-4444-444444444446" name="Nobody in particular">
				    <VariableValue><VariableRef targetGUID="33333333-3333-3333-3333-333333333333"/><TextValue>Other</TextValue></VariableValue>
				    <SelectionRef targetGUID="66666666-6666-6666-6666-666666666666"/>
				    <SelectionRef targetGUID="99999999-9999-9999-9999-999999999999"/>
				  </Case></Cases>
				  <Sources>
				    <TextSource guid="55555555-5555-5555-5555-555555555555" name="Interview A">
				      <PlainTextContent>%s</PlainTextContent>
				      <PlainTextSelection guid="66666666-6666-6666-6666-666666666666" startPosition="%d" endPosition="%d"
				          creatingUser="11111111-1111-1111-1111-111111111111">
				        <Coding guid="77777777-7777-7777-7777-777777777777" creatingUser="11111111-1111-1111-1111-111111111111">
				          <CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/>
				        </Coding>
				      </PlainTextSelection>
				    </TextSource>
				    <TextSource guid="55555555-5555-5555-5555-555555555556" name="Interview B">
				      <PlainTextContent>%s</PlainTextContent>
				      <PlainTextSelection guid="66666666-6666-6666-6666-666666666667" startPosition="0" endPosition="%d"/>
				    </TextSource>
				    <PictureSource guid="88888888-8888-8888-8888-888888888888" name="Photo"/>
				  </Sources>
				</Project>
				"""
			.formatted(text, start, end, turns, firstTurnEnd);
		JsonNode summary = ok(api.postFiles("/api/v1/evidence/projects/import",
				Map.of("nvivo.qdpx", zip(Map.of("project.qde", qde.getBytes(StandardCharsets.UTF_8)))), Map.of(),
				analyst), 201);
		assertThat(summary.get("redactions").asInt()).isEqualTo(4);
		assertThat(summary.get("notes").toString()).contains("picture, PDF, audio or video sources were left out")
			.contains("case 'Nobody in particular': a selection in source 'Interview A' is not a speaker's turn")
			.contains("case 'Nobody in particular': selection 99999999-9999-9999-9999-999999999999 is not in any "
					+ "text source");
		long projectId = summary.get("projectId").asLong();
		// The participant's case went to her turns, under her pseudonym.
		JsonNode speakers = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/speakers", analyst), 200);
		assertThat(speakers.toString()).doesNotContain("Priya");
		JsonNode person = null;
		for (JsonNode sp : speakers) {
			if (sp.get("name").asText().equals("[Person 1]")) {
				person = sp;
			}
		}
		assertThat(person).isNotNull();
		assertThat(person.get("attributes").get("staff_group").asText()).isEqualTo("Nursing");
		JsonNode source = null;
		for (JsonNode s : ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/sources", analyst), 200)) {
			if (s.get("name").asText().equals("Interview A")) {
				source = s;
			}
		}
		assertThat(source.get("attributes").get("staff_group").asText()).isEqualTo("Clinical");
		assertThat(source.get("redactionState").asText()).isEqualTo("CONFIRMED");
		JsonNode full = ok(
				api.getJson("/api/v1/evidence/sources/" + source.get("id").asLong() + "?allCoders=true", analyst), 200);
		assertThat(full.get("content").asText()).doesNotContain("Priya").startsWith("[Person 1] said");
		JsonNode coding = full.get("codings").get(0);
		assertThat(coding.get("text").asText()).isEqualTo("the hub works because [Person 1] trusts");
		assertThat(coding.get("coder").asText()).isEqualTo("Jo Coder");
		assertThat(coding.get("origin").asText()).isEqualTo("IMPORT");
		assertThat(coding.get("colour").asText()).isEqualTo("#00aa00");
	}

	@Test
	void analysisViewsAndTableExports() throws Exception {
		Tenant tenant = newTenant("exchange-tables");
		String analyst = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		Browser api = browser();
		long projectId = ok(api.sendJson("POST", "/api/v1/evidence/projects",
				"{\"name\":\"Tables\",\"framework\":\"paradox\"}", analyst), 201)
			.get("id")
			.asLong();
		JsonNode codes = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/codes", analyst), 200);
		long place = idOf(codes, "place");
		long identity = idOf(codes, "identity");
		long sourceId = ok(api.postFiles("/api/v1/evidence/projects/" + projectId + "/sources",
				Map.of("t.txt", TRANSCRIPT.getBytes(StandardCharsets.UTF_8)), Map.of("level", "system"), analyst), 201)
			.get("sourceIds")
			.get(0)
			.asLong();
		ok(api.sendJson("POST", "/api/v1/evidence/sources/" + sourceId + "/confirm-redaction", null, analyst), 200);
		String content = ok(api.getJson("/api/v1/evidence/sources/" + sourceId, analyst), 200).get("content").asText();
		int a = content.indexOf("We agreed");
		code(api, analyst, sourceId, List.of(place, identity), a, a + 20);
		code(api, analyst, sourceId, List.of(place), a + 30, a + 40);

		JsonNode co = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/cooccurrence", analyst), 200);
		int pi = indexOf(co.get("codes"), "Place");
		int ii = indexOf(co.get("codes"), "Identity");
		assertThat(co.get("counts").get(pi).get(ii).asInt()).isEqualTo(1);
		assertThat(co.get("counts").get(pi).get(pi).asInt()).isEqualTo(1);

		JsonNode retrieval = ok(
				api.getJson("/api/v1/evidence/projects/" + projectId + "/codes/" + place + "/segments", analyst), 200);
		assertThat(retrieval.get("segments")).hasSize(2);
		assertThat(retrieval.get("segments").get(0).get("before").asText()).contains("How is the place partnership");

		byte[] csv = bytes(api, "/api/v1/evidence/projects/" + projectId + "/export.csv", analyst);
		String csvText = new String(csv, StandardCharsets.UTF_8);
		assertThat(csvText)
			.startsWith("\uFEFFsource,level,place,sector,role,staff_group,speaker,speaker_level,speaker_place,"
					+ "speaker_sector,speaker_role,speaker_staff_group,coder,code");
		assertThat(csvText.lines()).hasSize(4);
		assertThat(csvText).contains("t,system,,,,,Leader,");
		byte[] xlsx = bytes(api, "/api/v1/evidence/projects/" + projectId + "/export.xlsx", analyst);
		try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(workbook.getSheetName(0)).isEqualTo("Codings");
			assertThat(workbook.getSheet("By level")).isNotNull();
			assertThat(workbook.getSheet("Codings").getLastRowNum()).isEqualTo(3);
		}
	}

	// ------------------------------------------------------------------ helpers

	/** What must survive a round trip, independent of database ids. */
	record Snapshot(List<String> codes, List<String> sources, List<String> codings, List<String> memos,
			List<String> speakers) {
	}

	private Snapshot snapshot(Browser api, String bearer, long projectId) throws Exception {
		List<String> sources = new ArrayList<>();
		List<String> codings = new ArrayList<>();
		Map<String, String> names = new LinkedHashMap<>();
		for (JsonNode s : ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/sources", bearer), 200)) {
			JsonNode full = ok(
					api.getJson("/api/v1/evidence/sources/" + s.get("id").asLong() + "?allCoders=true", bearer), 200);
			names.put("SOURCE:" + full.get("id").asLong(), "source " + full.get("name").asText());
			sources.add(full.get("name").asText() + "|" + full.get("attributes") + "|" + full.get("content").asText());
			for (JsonNode c : full.get("codings")) {
				codings.add(full.get("name").asText() + "|" + c.get("coder").asText() + "|" + c.get("codeName").asText()
						+ "|" + c.get("start").asInt() + "|" + c.get("end").asInt() + "|" + c.get("text").asText());
			}
		}
		JsonNode codes = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/codes", bearer), 200);
		codes.forEach(c -> names.put("CODE:" + c.get("id").asLong(), "code " + c.get("name").asText()));
		List<String> memos = new ArrayList<>();
		for (JsonNode m : ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/memos", bearer), 200)) {
			String target = switch (m.get("targetType").asText()) {
				case "PROJECT" -> "project";
				case "CODING" -> "a coding";
				default -> names.get(m.get("targetType").asText() + ":" + m.get("targetId").asLong());
			};
			memos.add(target + "|" + m.get("author").asText() + "|" + m.get("body").asText());
		}
		List<String> speakers = new ArrayList<>();
		for (JsonNode sp : ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/speakers", bearer), 200)) {
			speakers.add(sp.get("name").asText() + "|" + sp.get("segments").asInt() + "|" + sp.get("attributes"));
		}
		return new Snapshot(codeTree(api, bearer, projectId), sources, sorted(codings), sorted(memos),
				sorted(speakers));
	}

	private List<String> codeTree(Browser api, String bearer, long projectId) throws Exception {
		JsonNode codes = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/codes", bearer), 200);
		Map<Long, String> names = new LinkedHashMap<>();
		codes.forEach(c -> names.put(c.get("id").asLong(), c.get("name").asText()));
		List<String> tree = new ArrayList<>();
		for (JsonNode c : codes) {
			tree.add(c.get("depth").asInt() + "|" + names.get(c.path("parentId").asLong(-1)) + "|"
					+ c.get("name").asText() + "|" + c.get("colour").asText().toLowerCase() + "|"
					+ c.get("definition").asText());
		}
		return tree;
	}

	private static List<String> sorted(List<String> values) {
		return new ArrayList<>(new TreeSet<>(values));
	}

	private void code(Browser api, String bearer, long sourceId, List<Long> codes, int start, int end)
			throws Exception {
		ok(api.sendJson("POST", "/api/v1/evidence/sources/" + sourceId + "/codings",
				"{\"codes\":" + codes + ",\"start\":" + start + ",\"end\":" + end + "}", bearer), 201);
	}

	private void memo(Browser api, String bearer, long projectId, String type, long target, String body)
			throws Exception {
		ok(api.sendJson("POST", "/api/v1/evidence/projects/" + projectId + "/memos",
				"{\"targetType\":\"" + type + "\",\"targetId\":" + target + ",\"body\":\"" + body + "\"}", bearer),
				201);
	}

	private static long idOf(JsonNode codes, String key) {
		for (JsonNode c : codes) {
			if (c.get("key").asText().equals(key)) {
				return c.get("id").asLong();
			}
		}
		throw new AssertionError("no code " + key);
	}

	private static int indexOf(JsonNode names, String name) {
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).asText().equals(name)) {
				return i;
			}
		}
		throw new AssertionError("no " + name);
	}

	private long count(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, Long.class, args);
	}

	private static byte[] bytes(Browser api, String path, String bearer) {
		var response = api.getBytes(path, bearer);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private JsonNode ok(java.net.http.HttpResponse<String> response, int status) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return response.body().isEmpty() ? null : this.json.readTree(response.body());
	}

	private static Map<String, byte[]> unzip(byte[] bytes) throws Exception {
		Map<String, byte[]> out = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
			ZipEntry e;
			while ((e = in.getNextEntry()) != null) {
				out.put(e.getName(), in.readAllBytes());
			}
		}
		return out;
	}

	private static byte[] zip(Map<String, byte[]> entries) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (var e : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(e.getKey()));
				zip.write(e.getValue());
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static Document parse(byte[] xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
	}

	private static List<String> childNames(Element root) {
		List<String> names = new ArrayList<>();
		for (var n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e) {
				names.add(e.getLocalName());
			}
		}
		return names;
	}

	/**
	 * NVivo counts selection positions in UTF-16 units, not in characters as the standard
	 * says: after an emoji every position would land one character too far on.
	 */
	@Test
	void nvivoPositionsCountedInUtf16UnitsLandOnTheirText() throws Exception {
		Tenant tenant = newTenant("exchange-nvivo16");
		String analyst = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		Browser api = browser();
		String text = "Thanks \uD83D\uDE00 for coming.\nWe share a purpose across the system.\nMore \uD83C\uDF89 later.";
		String coded = "We share a purpose";
		String after = "later";
		int start = text.indexOf(coded);
		int laterStart = text.indexOf(after);
		String qde = """
				<?xml version="1.0" encoding="utf-8"?>
				<Project xmlns="urn:QDA-XML:project:1.0" name="Emoji" origin="NVivo for Windows 12.6">
				  <CodeBook><Codes>
				    <Code guid="22222222-2222-2222-2222-222222222222" name="Purpose" isCodable="true"/>
				  </Codes></CodeBook>
				  <Sources>
				    <TextSource guid="55555555-5555-5555-5555-555555555555" name="Comments">
				      <PlainTextContent>%s</PlainTextContent>
				      <PlainTextSelection guid="66666666-6666-6666-6666-666666666666" startPosition="%d" endPosition="%d">
				        <Coding guid="77777777-7777-7777-7777-777777777777"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>
				      </PlainTextSelection>
				      <PlainTextSelection guid="66666666-6666-6666-6666-666666666667" startPosition="%d" endPosition="%d">
				        <Coding guid="77777777-7777-7777-7777-777777777778"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>
				      </PlainTextSelection>
				    </TextSource>
				  </Sources>
				</Project>
				"""
			.formatted(text, start, start + coded.length(), laterStart, laterStart + after.length());
		JsonNode summary = ok(api.postFiles("/api/v1/evidence/projects/import",
				Map.of("nvivo.qdpx", zip(Map.of("project.qde", qde.getBytes(StandardCharsets.UTF_8)))), Map.of(),
				analyst), 201);
		assertThat(summary.get("notes").toString()).contains("UTF-16 units").contains("NVivo for Windows 12.6");
		long projectId = summary.get("projectId").asLong();
		JsonNode source = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/sources", analyst), 200).get(0);
		JsonNode full = ok(
				api.getJson("/api/v1/evidence/sources/" + source.get("id").asLong() + "?allCoders=true", analyst), 200);
		List<String> texts = new java.util.ArrayList<>();
		full.get("codings").forEach(c -> texts.add(c.get("text").asText()));
		assertThat(texts).containsExactlyInAnyOrder(coded, after);
	}

	/**
	 * The real NVivo for Windows 12.6 export in the shared test data (when present):
	 * every one of its 97 codings starts where a word starts.
	 */
	@Test
	void theRealNvivoExportKeepsEveryCodingOnItsWords() throws Exception {
		java.nio.file.Path file = sharedData().resolve("nvivo-win-12.6-oltas.qdpx");
		org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(file),
				"shared test data not on this machine");
		Tenant tenant = newTenant("exchange-nvivo-real");
		String analyst = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		Browser api = browser();
		JsonNode summary = ok(api.postFiles("/api/v1/evidence/projects/import",
				Map.of("oltas.qdpx", java.nio.file.Files.readAllBytes(file)), Map.of(), analyst), 201);
		assertThat(summary.get("codings").asInt()).isEqualTo(97);
		long projectId = summary.get("projectId").asLong();
		JsonNode source = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/sources", analyst), 200).get(0);
		JsonNode full = ok(
				api.getJson("/api/v1/evidence/sources/" + source.get("id").asLong() + "?allCoders=true", analyst), 200);
		String content = full.get("content").asText();
		int onAWord = 0;
		for (JsonNode c : full.get("codings")) {
			int start = c.get("start").asInt();
			if (start == 0 || Character.isWhitespace(content.charAt(start - 1))) {
				onAWord++;
			}
		}
		assertThat(onAWord).isEqualTo(97);
	}

	/**
	 * What other tools put in a project beyond codes and codings is kept: memos on
	 * sources, cases and codings, a memo on an uncoded selection, journal text in a file
	 * of its own, variables Balcony has no attribute for, a category that is not for
	 * coding, sets; two sources with one name; the namespace NVivo for Mac writes.
	 */
	@Test
	void memosVariablesCategoriesAndSetsFromOtherToolsAreKept() throws Exception {
		Tenant tenant = newTenant("exchange-kept");
		String analyst = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		Browser api = browser();
		String text = "We met at the cafe. The buses stop at six, so nobody comes after work.";
		String qde = """
				<?xml version="1.0" encoding="utf-8"?>
				<Project xmlns="urn:QDA-XML:project:1:0" name="Kept" origin="QualCoder 3.6">
				  <CodeBook><Codes>
				    <Code guid="a0000000-0000-0000-0000-000000000001" name="Barriers" isCodable="false">
				      <Code guid="a0000000-0000-0000-0000-000000000002" name="Access" isCodable="true"/>
				    </Code>
				  </Codes></CodeBook>
				  <Variables><Variable guid="b0000000-0000-0000-0000-000000000001" name="age" typeOfVariable="Float"/></Variables>
				  <Cases><Case guid="c0000000-0000-0000-0000-000000000001" name="Participant A">
				    <Description>Met twice</Description>
				    <SourceRef targetGUID="d0000000-0000-0000-0000-000000000001"/>
				  </Case></Cases>
				  <Sources>
				    <TextSource guid="d0000000-0000-0000-0000-000000000001" name="Cafe">
				      <Description>Recorded by phone</Description>
				      <PlainTextContent>%1$s</PlainTextContent>
				      <PlainTextSelection guid="e0000000-0000-0000-0000-000000000001" startPosition="%2$d" endPosition="%3$d">
				        <Description>Timetable problem</Description>
				        <Coding guid="f0000000-0000-0000-0000-000000000001"><CodeRef targetGUID="a0000000-0000-0000-0000-000000000002"/></Coding>
				      </PlainTextSelection>
				      <PlainTextSelection guid="e0000000-0000-0000-0000-000000000002" startPosition="0" endPosition="18">
				        <Description>Ask who chose the cafe</Description>
				      </PlainTextSelection>
				      <VariableValue><VariableRef targetGUID="b0000000-0000-0000-0000-000000000001"/><FloatValue>42</FloatValue></VariableValue>
				    </TextSource>
				    <TextSource guid="d0000000-0000-0000-0000-000000000002" name="Cafe">
				      <PlainTextContent>A second visit.</PlainTextContent>
				    </TextSource>
				  </Sources>
				  <Notes>
				    <Note guid="90000000-0000-0000-0000-000000000001" name="Journal week 1" plainTextPath="internal://90000000-0000-0000-0000-000000000001.txt"/>
				  </Notes>
				  <Sets><Set guid="80000000-0000-0000-0000-000000000001" name="Cafe visits">
				    <MemberSource targetGUID="d0000000-0000-0000-0000-000000000001"/>
				    <MemberSource targetGUID="d0000000-0000-0000-0000-000000000002"/>
				  </Set></Sets>
				</Project>
				"""
			.formatted(text, text.indexOf("buses stop at six"),
					text.indexOf("buses stop at six") + "buses stop at six".length());
		JsonNode summary = ok(api.postFiles("/api/v1/evidence/projects/import",
				Map.of("kept.qdpx",
						zip(Map.of("project.qde", qde.getBytes(StandardCharsets.UTF_8),
								"sources/90000000-0000-0000-0000-000000000001.txt",
								"Nobody came after five.".getBytes(StandardCharsets.UTF_8)))),
				Map.of(), analyst), 201);
		assertThat(summary.get("sources").asInt()).isEqualTo(2);
		assertThat(summary.get("notes").toString()).contains("is called 'Cafe (2)'").contains("1 sets were kept");
		long projectId = summary.get("projectId").asLong();
		JsonNode memos = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/memos", analyst), 200);
		List<String> bodies = new java.util.ArrayList<>();
		memos.forEach(m -> bodies.add(m.get("body").asText()));
		assertThat(bodies)
			.contains("Recorded by phone", "Timetable problem", "Case 'Participant A': Met twice",
					"Variables from kept.qdpx: age = 42", "Journal week 1\n\nNobody came after five.")
			.anyMatch(b -> b.startsWith("On “We met at the cafe”") && b.endsWith("Ask who chose the cafe"))
			.anyMatch(b -> b.contains("Cafe visits (2 members)"));
		JsonNode codes = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/codes", analyst), 200);
		List<String> definitions = new java.util.ArrayList<>();
		codes.forEach(c -> definitions.add(c.path("definition").asText()));
		assertThat(definitions).anyMatch(d -> d.startsWith("Category, not for coding"));
	}

	/**
	 * The shared real files from other tools: next to the repository, or (for a clone
	 * elsewhere on this machine) where the workspace keeps them.
	 */
	static java.nio.file.Path sharedData() {
		java.nio.file.Path near = java.nio.file.Path.of("../shared/data/refi-qda");
		return java.nio.file.Files.isDirectory(near) ? near : java.nio.file.Path.of("/work/shared/data/refi-qda");
	}

}
