package app.balcony.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An evaluator's path through the API: a project on the paradox framework, transcripts
 * imported (text, subtitles, a zip), redacted and reviewed, coded by two coders by hand
 * and from suggestions, then tensions, agreement and the paradox-by-level matrix.
 */
class EvidenceIntegrationTest extends IntegrationTestBase {

	private final ObjectMapper json = new ObjectMapper();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	EvidenceProperties evidenceProperties;

	@Autowired
	EvidenceService evidenceService;

	static final String INTERVIEW = """
			Interviewer: How does the partnership feel at the moment?
			Sam Okafor: We say we are one system, but my board still judges me on the trust's numbers. On the one hand I wear the system hat; on the other my organisation pays my salary.
			Sam Okafor: Email me at sam.okafor@example.org or ring 0113 496 0000.
			Interviewer: And the pace of change?
			Sam Okafor: Staff are exhausted by one restructure after another.
			""";

	static final String VTT = """
			WEBVTT

			00:00:01.000 --> 00:00:04.000
			<v Facilitator>What would a good neighbourhood look like?</v>

			00:00:04.500 --> 00:00:09.000
			<v Participant 2>Each estate knows its residents, yet the centre wants one model everywhere.

			00:00:09.500 --> 00:00:12.000
			<v Participant 2>That is a fine line to walk.
			""";

	@Test
	void evaluatorImportsRedactsCodesAndCompares() throws Exception {
		Tenant tenant = newTenant("evidence");
		// A person the system model knows, so redaction can find the name.
		long orgId = insertOrganisationAndPerson(tenant.id(), "Sam Okafor");
		String analyst = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		String admin = this.accounts.createApiToken(tenant.id(), user(Role.ADMIN, tenant), "t", "t");
		Browser api = browser();

		JsonNode project = ok(api.sendJson("POST", "/api/v1/evidence/projects",
				"{\"name\":\"Place study\",\"framework\":\"paradox\"}", analyst), 201);
		long projectId = project.get("id").asLong();
		assertThat(project.get("frameworkVersion").asInt()).isEqualTo(1);
		JsonNode codes = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/codes", analyst), 200);
		assertThat(codes).extracting(c -> c.get("key").asText())
			.containsExactly("identity", "purpose", "place", "change");

		// All or nothing: one unreadable file stops the import.
		var bad = api.postFiles("/api/v1/evidence/projects/" + projectId + "/sources",
				Map.of("a.txt", INTERVIEW.getBytes(StandardCharsets.UTF_8), "b.exe", new byte[] { 1, 2 }), Map.of(),
				analyst);
		assertThat(bad.statusCode()).isEqualTo(422);
		assertThat(bad.body()).contains("b.exe: unsupported file type");
		assertThat(ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/sources", analyst), 200)).isEmpty();

		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("interview-1.txt", INTERVIEW.getBytes(StandardCharsets.UTF_8));
		files.put("workshop.zip", zip("notes/workshop-1.vtt", VTT));
		JsonNode imported = ok(api.postFiles("/api/v1/evidence/projects/" + projectId + "/sources", files,
				Map.of("level", "place"), analyst), 201);
		assertThat(imported.get("sourceIds")).hasSize(2);
		long interviewId = imported.get("sourceIds").get(0).asLong();
		long workshopId = imported.get("sourceIds").get(1).asLong();

		JsonNode interview = ok(api.getJson("/api/v1/evidence/sources/" + interviewId, analyst), 200);
		String content = interview.get("content").asText();
		assertThat(content).doesNotContain("Sam Okafor")
			.doesNotContain("sam.okafor@example.org")
			.doesNotContain("0113 496 0000")
			.contains("[Person 1]: We say we are one system")
			.contains("[Email 1]")
			.contains("[Phone 1]");
		assertThat(interview.get("redactionState").asText()).isEqualTo("REVIEW");
		JsonNode segments = interview.get("segments");
		assertThat(segments.get(0).get("speaker").asText()).isEqualTo("Interviewer");
		assertThat(segments.get(1).get("speaker").asText()).isEqualTo("[Person 1]");
		for (JsonNode segment : segments) {
			assertThat(content.substring(segment.get("start").asInt(), segment.get("end").asInt()))
				.isEqualTo(segment.get("text").asText());
		}

		// Undo the phone redaction, then redo it; then confirm (originals discarded by
		// default).
		long phone = -1;
		for (JsonNode r : interview.get("redactions")) {
			if (r.get("kind").asText().equals("PHONE")) {
				phone = r.get("id").asLong();
			}
		}
		ok(api.sendJson("POST", "/api/v1/evidence/redactions/" + phone, "{\"applied\":false}", analyst), 204);
		assertThat(ok(api.getJson("/api/v1/evidence/sources/" + interviewId, analyst), 200).get("content").asText())
			.contains("0113 496 0000");
		ok(api.sendJson("POST", "/api/v1/evidence/redactions/" + phone, "{\"applied\":true}", analyst), 204);
		var early = api.sendJson("POST", "/api/v1/evidence/sources/" + interviewId + "/codings",
				"{\"codes\":[" + codes.get(0).get("id").asLong() + "],\"start\":0,\"end\":5}", analyst);
		assertThat(early.statusCode()).isEqualTo(400);
		assertThat(early.body()).contains("Confirm the redaction");
		JsonNode confirmed = ok(
				api.sendJson("POST", "/api/v1/evidence/sources/" + interviewId + "/confirm-redaction", null, analyst),
				200);
		assertThat(confirmed.get("originalKept").asBoolean()).isFalse();
		assertThat(confirmed.get("redactions")).allSatisfy(r -> assertThat(r.path("original").isTextual()).isFalse());
		assertThat(this.jdbc.queryForObject("select count(*) from evidence_source where id = ? and original is null",
				Long.class, interviewId))
			.isEqualTo(1);
		var undoRedaction = api.sendJson("POST", "/api/v1/evidence/redactions/" + phone, "{\"applied\":false}",
				analyst);
		assertThat(undoRedaction.statusCode()).isEqualTo(400);
		ok(api.sendJson("POST", "/api/v1/evidence/sources/" + workshopId + "/confirm-redaction", null, analyst), 200);

		// Subtitles: speakers from <v>, consecutive cues of one speaker form one turn.
		JsonNode workshop = ok(api.getJson("/api/v1/evidence/sources/" + workshopId, analyst), 200);
		assertThat(workshop.get("content").asText()).startsWith("Facilitator: What would a good neighbourhood")
			.contains("Participant 2: Each estate knows its residents, yet the centre wants one model everywhere. "
					+ "That is a fine line to walk.");

		// Undoing and redoing redactions re-segments the text: read the segments again.
		segments = ok(api.getJson("/api/v1/evidence/sources/" + interviewId, analyst), 200).get("segments");

		// Suggestions on the interview; accept the top one for the "one system" sentence.
		JsonNode suggestions = ok(api.getJson("/api/v1/evidence/sources/" + interviewId + "/suggestions", analyst),
				200);
		JsonNode oneSystem = null;
		for (JsonNode s : suggestions) {
			if (s.get("text").asText().startsWith("We say we are one system")) {
				oneSystem = s;
			}
		}
		assertThat(oneSystem).isNotNull();
		assertThat(oneSystem.get("codes").get(0).get("codeKey").asText()).isEqualTo("identity");
		assertThat(oneSystem.get("tension").asDouble()).isGreaterThan(0);
		long segmentId = oneSystem.get("segmentId").asLong();
		long identity = oneSystem.get("codes").get(0).get("codeId").asLong();
		ok(api.sendJson("POST", "/api/v1/evidence/segments/" + segmentId + "/suggestions/" + identity + "/accept", null,
				analyst), 201);
		long second = oneSystem.get("codes").get(1).get("codeId").asLong();
		ok(api.sendJson("POST", "/api/v1/evidence/segments/" + segmentId + "/suggestions/" + second + "/reject", null,
				analyst), 204);
		JsonNode after = ok(api.getJson("/api/v1/evidence/sources/" + interviewId + "/suggestions", analyst), 200);
		for (JsonNode s : after) {
			if (s.get("segmentId").asLong() == segmentId) {
				assertThat(s.get("codes")).noneMatch(c -> c.get("codeId").asLong() == identity);
				// Still listed, marked, and lowered by the rejection itself.
				assertThat(s.get("codes"))
					.anyMatch(c -> c.get("codeId").asLong() == second && c.get("rejected").asBoolean()
							&& c.get("loweredBy").asText().startsWith("We say we are one system"));
			}
		}
		JsonNode mine = ok(api.getJson("/api/v1/evidence/sources/" + interviewId, analyst), 200).get("codings");
		assertThat(mine).hasSize(1);
		assertThat(mine.get(0).get("origin").asText()).isEqualTo("SUGGESTION");

		// The admin codes the same segment by hand (a second, independent coder) plus one
		// more.
		int start = start(segments, segmentId);
		int end = end(segments, segmentId);
		ok(api.sendJson("POST", "/api/v1/evidence/sources/" + interviewId + "/codings",
				"{\"codes\":[" + identity + "],\"start\":" + start + ",\"end\":" + end + "}", admin), 201);
		// Double submit creates nothing new.
		ok(api.sendJson("POST", "/api/v1/evidence/sources/" + interviewId + "/codings",
				"{\"codes\":[" + identity + "],\"start\":" + start + ",\"end\":" + end + "}", admin), 201);
		long changeId = codes.get(3).get("id").asLong();
		long lastSegment = segments.get(segments.size() - 1).get("id").asLong();
		ok(api.sendJson("POST", "/api/v1/evidence/sources/" + interviewId + "/codings", "{\"codes\":[" + changeId
				+ "],\"start\":" + start(segments, lastSegment) + ",\"end\":" + end(segments, lastSegment) + "}",
				admin), 201);
		assertThat(ok(api.getJson("/api/v1/evidence/sources/" + interviewId, admin), 200).get("codings")).hasSize(2);
		assertThat(ok(api.getJson("/api/v1/evidence/sources/" + interviewId + "?allCoders=true", admin), 200)
			.get("codings")).hasSize(3);

		// Undo removes the admin's last coding; undo again restores nothing twice.
		assertThat(ok(api.sendJson("POST", "/api/v1/evidence/sources/" + interviewId + "/undo", null, admin), 200)
			.get("message")
			.asText()).isEqualTo("Removed the last coding");
		assertThat(ok(api.getJson("/api/v1/evidence/sources/" + interviewId, admin), 200).get("codings")).hasSize(1);

		JsonNode agreement = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/agreement", analyst), 200);
		assertThat(agreement.get("coders")).hasSize(2);
		JsonNode identityAgreement = agreement.get("codes").get(0);
		assertThat(identityAgreement.get("codeKey").asText()).isEqualTo("identity");
		assertThat(identityAgreement.get("percent").asDouble()).isEqualTo(1.0);
		assertThat(identityAgreement.get("kappa").asDouble()).isEqualTo(1.0);

		JsonNode tensions = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/tensions", analyst), 200);
		assertThat(tensions).isNotEmpty();
		assertThat(tensions.get(0).get("cues")).extracting(JsonNode::asText)
			.contains("on the one hand ... on the other");
		assertThat(tensions.get(0).get("paradox").asText()).isEqualTo("identity");
		assertThat(tensions).anyMatch(t -> t.get("sourceName").asText().equals("workshop-1")
				&& t.get("cues").toString().contains("fine line"));

		JsonNode matrix = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/matrix?attribute=level", analyst),
				200);
		assertThat(matrix.get("columns")).extracting(JsonNode::asText).containsExactly("place");
		assertThat(matrix.get("counts").get(0).get(0).asLong()).isEqualTo(2);
		assertThat(
				api.getJson("/api/v1/evidence/projects/" + projectId + "/matrix?attribute=shoe", analyst).statusCode())
			.isEqualTo(400);

		// Speakers: a speaker's own attribute counts instead of the source's.
		JsonNode speakers = ok(api.getJson("/api/v1/evidence/projects/" + projectId + "/speakers", analyst), 200);
		assertThat(speakers).extracting(sp -> sp.get("name").asText())
			.contains("[Person 1]", "Interviewer", "Facilitator", "Participant 2");
		JsonNode person = ok(
				api.sendJson("PUT", "/api/v1/evidence/projects/" + projectId + "/speakers",
						"{\"speaker\":\"[Person 1]\",\"attributes\":{\"level\":\"system\",\"shoe\":\"9\"}}", analyst),
				200);
		assertThat(person.get("attributes").get("level").asText()).isEqualTo("system");
		assertThat(person.get("attributes").has("shoe")).isFalse();
		JsonNode bySpeaker = ok(
				api.getJson("/api/v1/evidence/projects/" + projectId + "/matrix?attribute=level", analyst), 200);
		assertThat(bySpeaker.get("columns")).extracting(JsonNode::asText).containsExactly("place", "system");
		long bySource = 0;
		long bySpeakerTotal = 0;
		long system = 0;
		for (int r = 0; r < matrix.get("counts").size(); r++) {
			bySource += matrix.get("counts").get(r).get(0).asLong();
			bySpeakerTotal += bySpeaker.get("counts").get(r).get(0).asLong()
					+ bySpeaker.get("counts").get(r).get(1).asLong();
			system += bySpeaker.get("counts").get(r).get(1).asLong();
		}
		assertThat(bySpeakerTotal).as("every coded passage still counted once").isEqualTo(bySource);
		assertThat(system).as("every coded passage is one [Person 1] spoke").isEqualTo(bySource).isPositive();
		String csvExport = new String(
				api.getBytes("/api/v1/evidence/projects/" + projectId + "/export.csv", analyst).body(),
				StandardCharsets.UTF_8);
		assertThat(csvExport).contains("[Person 1],system,");
		assertThat(api
			.sendJson("PUT", "/api/v1/evidence/projects/" + projectId + "/speakers",
					"{\"speaker\":\"Nobody\",\"attributes\":{}}", analyst)
			.statusCode()).isEqualTo(404);
		assertThat(api
			.sendJson("PUT", "/api/v1/evidence/projects/" + projectId + "/speakers",
					"{\"attributes\":{\"level\":\"place\"}}", analyst)
			.statusCode()).isEqualTo(400);

		// Members and facilitators see no evidence; other tenants see nothing.
		String member = this.accounts.createApiToken(tenant.id(), user(Role.MEMBER, tenant), "t", "t");
		assertThat(api.getJson("/api/v1/evidence/projects", member).statusCode()).isEqualTo(403);
		Tenant other = newTenant("evidence-other");
		String outsider = this.accounts.createApiToken(other.id(), user(Role.ADMIN, other), "t", "t");
		assertThat(api.getJson("/api/v1/evidence/sources/" + interviewId, outsider).statusCode()).isEqualTo(404);
		assertThat(api.getJson("/api/v1/evidence/projects/" + projectId + "/agreement", outsider).statusCode())
			.isEqualTo(404);
		assertThat(orgId).isPositive();
	}

	@Test
	void adminsSaveNewFrameworkVersionsAndOldOnesStay() throws Exception {
		Tenant tenant = newTenant("frameworks");
		String admin = this.accounts.createApiToken(tenant.id(), user(Role.ADMIN, tenant), "t", "t");
		String analyst = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		Browser api = browser();
		JsonNode all = ok(api.getJson("/api/v1/frameworks", analyst), 200);
		assertThat(all).extracting(f -> f.get("key").asText())
			.contains("dimension", "paradox", "disconnect", "dl_options", "programme_theme", "conditions", "readiness",
					"self_assessment", "icare_skills");
		JsonNode paradox = ok(api.getJson("/api/v1/frameworks/paradox", analyst), 200);
		((com.fasterxml.jackson.databind.node.ObjectNode) paradox.get("elements").get(0)).put("name",
				"Identity (our wording)");
		assertThat(api.sendJson("POST", "/api/v1/frameworks", paradox.toString(), analyst).statusCode()).isEqualTo(403);
		JsonNode saved = ok(api.sendJson("POST", "/api/v1/frameworks", paradox.toString(), admin), 201);
		assertThat(saved.get("version").asInt()).isEqualTo(2);
		assertThat(saved.get("builtIn").asBoolean()).isFalse();
		assertThat(
				ok(api.getJson("/api/v1/frameworks/paradox", analyst), 200).get("elements").get(0).get("name").asText())
			.isEqualTo("Identity (our wording)");
		assertThat(ok(api.getJson("/api/v1/frameworks/paradox?version=1", analyst), 200).get("elements")
			.get(0)
			.get("name")
			.asText()).isEqualTo("Identity");
		var invalid = api.sendJson("POST", "/api/v1/frameworks", "{\"key\":\"Bad Key\",\"name\":\"\",\"elements\":[]}",
				admin);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("key: use").contains("name: required").contains("at least one element");
	}

	@Test
	void pseudonymHashesAreKeyedOnceAKeyIsSetAndTheNumbersGoOn() throws Exception {
		Tenant tenant = newTenant("evidence-keyed");
		insertOrganisationAndPerson(tenant.id(), "Noor Haddad");
		this.jdbc.update(
				"insert into person (tenant_id, external_id, name, staff_group, seniority) values (?, ?, ?, ?, ?)",
				tenant.id(), "P-T2", "Ivo Petrov", "CLINICAL", "SENIOR");
		String analyst = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		Browser api = browser();
		long projectId = ok(api.sendJson("POST", "/api/v1/evidence/projects",
				"{\"name\":\"Keyed\",\"framework\":\"paradox\"}", analyst), 201)
			.get("id")
			.asLong();
		String plain = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256")
				.digest((projectId + "|PERSON|noor haddad").getBytes(StandardCharsets.UTF_8)));
		String hashes = "select value_hash from evidence_pseudonym where project_id = ? order by number";

		// No key (as in these tests): a plain hash.
		ok(api.postFiles("/api/v1/evidence/projects/" + projectId + "/sources",
				Map.of("a.txt", "Noor Haddad: I chair the place board.\n".getBytes(StandardCharsets.UTF_8)), Map.of(),
				analyst), 201);
		assertThat(this.jdbc.queryForList(hashes, String.class, projectId)).containsExactly(plain);

		byte[] key = "a key kept outside the database".getBytes(StandardCharsets.UTF_8);
		this.evidenceProperties.setPseudonymKey(new String(key, StandardCharsets.UTF_8));
		try {
			JsonNode added = ok(api.postFiles("/api/v1/evidence/projects/" + projectId + "/sources",
					Map.of("b.txt", "Ivo Petrov: Noor Haddad and I disagree.\n".getBytes(StandardCharsets.UTF_8)),
					Map.of(), analyst), 201);
			String content = ok(
					api.getJson("/api/v1/evidence/sources/" + added.get("sourceIds").get(0).asLong(), analyst), 200)
				.get("content")
				.asText();
			// Noor keeps her number; her plain hash is gone, replaced by the keyed one.
			assertThat(content).isEqualTo("[Person 2]: [Person 1] and I disagree.\n");
			assertThat(this.jdbc.queryForList(hashes, String.class, projectId)).containsExactly(
					EvidenceService.hmac(key, projectId + "|PERSON|noor haddad"),
					EvidenceService.hmac(key, projectId + "|PERSON|ivo petrov"));
		}
		finally {
			this.evidenceProperties.setPseudonymKey("");
		}
	}

	@Test
	void analystLinksASourceToAPersonOnlyWhenTheyChooseAndItIsAudited() throws Exception {
		Tenant tenant = newTenant("evidence-link");
		Tenant other = newTenant("evidence-link-other");
		long organisation = insertOrganisationAndPerson(tenant.id(), "Grace Adebayo");
		long personId = this.jdbc.queryForObject("select id from person where tenant_id = ? and external_id = 'P-T'",
				Long.class, tenant.id());
		this.jdbc.update("update person set job_title = 'Director of nursing' where id = ?", personId);
		this.jdbc.update(
				"insert into organisation_membership (tenant_id, person_id, organisation_id, valid_from) values (?, ?, ?, ?)",
				tenant.id(), personId, organisation, java.sql.Date.valueOf("2020-01-01"));
		this.jdbc.update(
				"insert into place (tenant_id, external_id, name, level_key, valid_from) values (?, 'PL-1', 'Riverside', 'PLACE', ?)",
				tenant.id(), java.sql.Date.valueOf("2020-01-01"));
		long place = this.jdbc.queryForObject("select id from place where tenant_id = ? and external_id = 'PL-1'",
				Long.class, tenant.id());
		this.jdbc.update("insert into person_place (tenant_id, person_id, place_id, valid_from) values (?, ?, ?, ?)",
				tenant.id(), personId, place, java.sql.Date.valueOf("2020-01-01"));
		insertOrganisationAndPerson(other.id(), "Someone Elsewhere");
		long stranger = this.jdbc.queryForObject("select id from person where tenant_id = ? and external_id = 'P-T'",
				Long.class, other.id());
		String analyst = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "t");
		Browser api = browser();
		long projectId = ok(api.sendJson("POST", "/api/v1/evidence/projects", "{\"name\":\"Linked\"}", analyst), 201)
			.get("id")
			.asLong();
		long sourceId = ok(api.postFiles("/api/v1/evidence/projects/" + projectId + "/sources",
				Map.of("nurse.txt", "Interviewer: How is it going?\nNurse: Slowly.\n".getBytes(StandardCharsets.UTF_8)),
				Map.of("role", "Senior nurse"), analyst), 201)
			.get("sourceIds")
			.get(0)
			.asLong();

		ok(api.sendJson("POST", "/api/v1/evidence/sources/" + sourceId + "/confirm-redaction", null, analyst), 200);
		// A suggestion the analyst changed before applying is recorded as edited, with
		// its
		// score.
		long someCode = ok(api.sendJson("POST", "/api/v1/evidence/projects/" + projectId + "/codes",
				"{\"name\":\"Pace\"}", analyst), 201)
			.get("id")
			.asLong();
		ok(api.sendJson("POST", "/api/v1/evidence/sources/" + sourceId + "/codings",
				"{\"codes\":[" + someCode + "],\"start\":0,\"end\":11,\"editedSuggestion\":true,\"score\":0.42}",
				analyst), 201);
		JsonNode edited = ok(api.getJson("/api/v1/evidence/sources/" + sourceId, analyst), 200).get("codings").get(0);
		assertThat(edited.get("origin").asText()).isEqualTo("EDITED");
		assertThat(edited.get("score").asDouble()).isEqualTo(0.42);

		// Nobody is linked until the analyst chooses; a person of another ICS cannot be.
		assertThat(ok(api.getJson("/api/v1/evidence/sources/" + sourceId, analyst), 200).hasNonNull("personId"))
			.isFalse();
		assertThat(api.getJson("/api/v1/evidence/sources/" + sourceId + "/person", analyst).statusCode())
			.isEqualTo(404);
		var foreign = api.sendJson("PUT", "/api/v1/evidence/sources/" + sourceId + "/person",
				"{\"personId\":" + stranger + "}", analyst);
		assertThat(foreign.statusCode()).isEqualTo(400);
		assertThat(foreign.body()).contains("personId: " + stranger + " is not a person in this ICS");

		// Linked with attributes filled: only the empty ones (the role stays the
		// analyst's).
		JsonNode linked = ok(api.sendJson("PUT", "/api/v1/evidence/sources/" + sourceId + "/person",
				"{\"personId\":" + personId + ",\"fillAttributes\":true}", analyst), 200);
		assertThat(linked.get("personId").asLong()).isEqualTo(personId);
		assertThat(linked.get("attributes").toString()).isEqualTo(
				"{\"level\":\"place\",\"place\":\"Riverside\",\"role\":\"Senior nurse\",\"sector\":\"NHS community\","
						+ "\"staff_group\":\"Non-clinical\"}");
		assertThat(
				ok(api.getJson("/api/v1/evidence/sources/" + sourceId + "/person", analyst), 200).get("name").asText())
			.isEqualTo("Grace Adebayo");
		// Saving attributes on the page keeps the link.
		Browser page = signedIn(Role.ANALYST, tenant);
		assertThat(page.get("/evidence/sources/" + sourceId).body()).contains("Linked to a person in the system model")
			.doesNotContain("Grace Adebayo");
		page.post("/evidence/sources/" + sourceId + "/attributes", Map.of("level", "system"));
		assertThat(ok(api.getJson("/api/v1/evidence/sources/" + sourceId, analyst), 200).get("personId").asLong())
			.isEqualTo(personId);
		// The person page names them; the search finds people to link to.
		String who = page.get("/evidence/sources/" + sourceId + "/person?q=grace").body();
		assertThat(who).contains("This source is linked to <strong>Grace Adebayo</strong>")
			.contains("Grace Adebayo, Director of nursing (Riverside Community Trust)");
		assertThat(page.post("/evidence/sources/" + sourceId + "/person/remove", Map.of()).statusCode()).isEqualTo(302);
		assertThat(ok(api.getJson("/api/v1/evidence/sources/" + sourceId, analyst), 200).hasNonNull("personId"))
			.isFalse();
		page.get("/evidence/sources/" + sourceId + "/person?q=grace");
		assertThat(page.post("/evidence/sources/" + sourceId + "/person", Map.of("personId", String.valueOf(personId)))
			.statusCode()).isEqualTo(302);
		assertThat(ok(api.getJson("/api/v1/evidence/sources/" + sourceId, analyst), 200).get("attributes")
			.get("level")
			.asText()).isEqualTo("system");
		ok(api.sendJson("DELETE", "/api/v1/evidence/sources/" + sourceId + "/person", null, analyst), 204);

		// Every link, unlink and look at who it is was audited.
		assertThat(this.jdbc.queryForList(
				"select action from audit_event where tenant_id = ? and action like 'EVIDENCE_%LINKED%' order by id",
				String.class, tenant.id()))
			.containsExactly("EVIDENCE_SOURCE_LINKED", "EVIDENCE_LINKED_PERSON_VIEWED", "EVIDENCE_LINKED_PERSON_VIEWED",
					"EVIDENCE_SOURCE_UNLINKED", "EVIDENCE_SOURCE_LINKED", "EVIDENCE_SOURCE_UNLINKED");
	}

	private long insertOrganisationAndPerson(long tenantId, String name) {
		this.jdbc.update(
				"insert into organisation (tenant_id, external_id, name, sector, valid_from) values (?, ?, ?, ?, ?)",
				tenantId, "ORG-T", "Riverside Community Trust", "NHS_COMMUNITY", java.sql.Date.valueOf("2020-01-01"));
		this.jdbc.update(
				"insert into person (tenant_id, external_id, name, staff_group, seniority) values (?, ?, ?, ?, ?)",
				tenantId, "P-T", name, "NON_CLINICAL", "SENIOR");
		return this.jdbc.queryForObject("select id from organisation where tenant_id = ? and external_id = 'ORG-T'",
				Long.class, tenantId);
	}

	private static int start(JsonNode segments, long id) {
		for (JsonNode s : segments) {
			if (s.get("id").asLong() == id) {
				return s.get("start").asInt();
			}
		}
		throw new AssertionError("no segment " + id);
	}

	private static int end(JsonNode segments, long id) {
		for (JsonNode s : segments) {
			if (s.get("id").asLong() == id) {
				return s.get("end").asInt();
			}
		}
		throw new AssertionError("no segment " + id);
	}

	private JsonNode ok(java.net.http.HttpResponse<String> response, int status) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return response.body().isEmpty() ? null : this.json.readTree(response.body());
	}

	private static byte[] zip(String name, String content) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry(name));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("__MACOSX/._workshop-1.vtt"));
			zip.write(new byte[] { 0 });
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

}
