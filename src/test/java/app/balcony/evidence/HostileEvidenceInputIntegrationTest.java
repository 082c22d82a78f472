package app.balcony.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import app.balcony.identity.BalconyUser;
import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.shared.BadRequestException;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evidence under hostile input: each used to end in a 500 or to change data it should
 * have refused.
 */
class HostileEvidenceInputIntegrationTest extends IntegrationTestBase {

	@Autowired
	EvidenceService evidence;

	@Autowired
	QdaExchange qda;

	@Autowired
	JdbcTemplate jdbc;

	private BalconyUser analyst(Tenant tenant) {
		return this.accounts.user(tenant.id(), user(Role.ANALYST, tenant)).orElseThrow();
	}

	@Test
	void aZipEntryOverTheLimitIsRefusedNotCutShort() throws Exception {
		Tenant tenant = newTenant("bigzip");
		BalconyUser analyst = analyst(tenant);
		long project = this.evidence.createProject(analyst, "Zip", "", null);
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(zip)) {
			out.putNextEntry(new ZipEntry("small.txt"));
			out.write("A short interview.".getBytes(StandardCharsets.UTF_8));
			out.putNextEntry(new ZipEntry("huge.txt"));
			byte[] block = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < 51; i++) {
				out.write(block);
			}
		}
		EvidenceViews.ImportResult result = this.evidence.importNow(tenant.id(), analyst.getUsername(), project,
				List.of(new EvidenceService.Upload("sources.zip", zip.toByteArray())), Map.of(), null);
		assertThat(result.applied()).isFalse();
		assertThat(result.errors()).singleElement().asString().contains("huge.txt").contains("more than 50 MB");
		assertThat(this.jdbc.queryForObject("select count(*) from evidence_source where project_id = ?", Integer.class,
				project))
			.isZero();
	}

	@Test
	void aCodebookNestedTwentyThousandDeepIsRefusedWithAReason() {
		Tenant tenant = newTenant("deepqdc");
		BalconyUser analyst = analyst(tenant);
		long project = this.evidence.createProject(analyst, "Deep", "", null);
		StringBuilder xml = new StringBuilder(
				"<?xml version=\"1.0\" encoding=\"utf-8\"?>" + "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>");
		int depth = 20_000;
		for (int i = 0; i < depth; i++) {
			xml.append("<Code guid=\"")
				.append(java.util.UUID.randomUUID())
				.append("\" name=\"c")
				.append(i)
				.append("\" isCodable=\"true\">");
		}
		xml.append("</Code>".repeat(depth)).append("</Codes></CodeBook>");
		assertThatThrownBy(() -> this.qda.importCodebook(analyst, project, "deep.qdc",
				xml.toString().getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(BadRequestException.class)
			.hasMessageContaining("deep.qdc")
			.hasMessageContaining("nest more than");
		assertThat(this.evidence.codes(analyst, project)).isEmpty();
	}

	@Test
	void longCodeNamesFromMaxqdaAreKeptAndKeysStayShort() {
		Tenant tenant = newTenant("longcode");
		BalconyUser analyst = analyst(tenant);
		long project = this.evidence.createProject(analyst, "Long", "", null);
		String path = "Leadership across boundaries \\ ".repeat(12) + "shared purpose";
		assertThat(path.length()).isGreaterThan(300);
		long id = this.evidence.addCode(analyst, project, path, null, "", null);
		assertThat(this.evidence.codes(analyst, project)).singleElement().satisfies(c -> {
			assertThat(c.id()).isEqualTo(id);
			assertThat(c.name()).isEqualTo(path);
			assertThat(c.key().length()).isLessThanOrEqualTo(80);
		});
		// The same long name again gets a unique key that still fits.
		this.evidence.addCode(analyst, project, path + " too", null, "", null);
		assertThat(this.evidence.codes(analyst, project)).extracting(EvidenceViews.Code::key)
			.doesNotHaveDuplicates()
			.allMatch(k -> k.length() <= 80);
	}

	@Test
	void tenIdenticalCodingsSentAtOnceAreStoredOnceAndASuggestionForNoCodeIsNotFound() throws Exception {
		Tenant tenant = newTenant("codingrace");
		BalconyUser analyst = analyst(tenant);
		long project = this.evidence.createProject(analyst, "Race", "", null);
		EvidenceViews.ImportResult imported = this.evidence.importNow(tenant.id(), analyst.getUsername(), project,
				List.of(new EvidenceService.Upload("interview.txt",
						"We share a purpose across the system.\n\nWe meet monthly.".getBytes(StandardCharsets.UTF_8))),
				Map.of(), null);
		long source = imported.sourceIds().get(0);
		this.evidence.confirmNow(tenant.id(), analyst.getUsername(), source);
		long code = this.evidence.addCode(analyst, project, "Shared purpose", null, "", null);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<Long>>> done = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				done.add(pool.submit(() -> {
					start.await();
					return this.evidence.code(analyst, source, List.of(code), 0, 10, "MANUAL", null);
				}));
			}
			start.countDown();
			for (Future<List<Long>> f : done) {
				f.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.queryForObject(
				"select count(*) from evidence_coding where source_id = ? and code_id = ? and deleted_at is null",
				Integer.class, source, code))
			.isEqualTo(1);
		assertThat(done.stream().map(f -> {
			try {
				return f.get();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).distinct()).hasSize(1);

		long segment = this.jdbc.queryForObject("select min(id) from evidence_segment where source_id = ?", Long.class,
				source);
		String token = this.accounts.createApiToken(tenant.id(), analyst.getUsername(), "t", "test");
		var response = new Browser("http://localhost:" + this.port).sendJson("POST",
				"/api/v1/evidence/segments/" + segment + "/suggestions/999999999/reject", null, token);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("No code 999999999");
	}

	/**
	 * The real codebooks in the shared test data (when present): MAXQDA 24's, whose
	 * category paths make names over 200 characters, and NVivo for Mac's, in the
	 * namespace it writes.
	 */
	@Test
	void realCodebooksFromMaxqdaAndNvivoImportWhole() throws Exception {
		java.nio.file.Path dir = QdaExchangeIntegrationTest.sharedData();
		org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(dir),
				"shared test data not on this machine");
		Tenant tenant = newTenant("realqdc");
		BalconyUser analyst = analyst(tenant);
		for (String[] file : new String[][] { { "maxqda-24-codebook.qdc", "307" },
				{ "nvivo-mac-12.7-codebook.qdc", "152" } }) {
			long project = this.evidence.createProject(analyst, file[0], "", null);
			int added = this.qda.importCodebook(analyst, project, file[0],
					java.nio.file.Files.readAllBytes(dir.resolve(file[0])));
			assertThat(added).as(file[0]).isEqualTo(Integer.parseInt(file[1]));
			assertThat(this.evidence.codes(analyst, project)).hasSize(added).allMatch(c -> c.key().length() <= 80);
		}
	}

}
