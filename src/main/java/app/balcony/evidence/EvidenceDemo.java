package app.balcony.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.ImportResult;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.identity.BalconyUser;
import app.balcony.identity.Tenant;
import app.balcony.identity.TenantAccounts;
import app.balcony.system.DemoIcs;
import app.balcony.system.directory.Directory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo evidence project for Northvale: seven invented interviews (system, place and
 * neighbourhood leaders) and one place workshop, written for Balcony. The speakers are
 * people from the demo system model, so redaction has real names to find. The demo
 * analyst and admin have each coded the sources against the paradoxes on their own, with
 * a few honest disagreements; one source is left waiting for its redaction review.
 */
@Component
public class EvidenceDemo {

	private static final String FOLDER = "demo/evidence/";

	private final EvidenceService evidence;

	private final TenantAccounts accounts;

	private final Directory system;

	private final ObjectMapper json = new ObjectMapper();

	EvidenceDemo(EvidenceService evidence, TenantAccounts accounts, Directory system) {
		this.evidence = evidence;
		this.accounts = accounts;
		this.system = system;
	}

	/**
	 * Loads the demo project into the tenant unless it is there already; returns its id.
	 */
	@Transactional
	public synchronized long ensure(Tenant tenant) {
		JsonNode manifest = read("manifest.json");
		String name = manifest.get("project").asText();
		Long existing = this.evidence.projectId(tenant.id(), name);
		return existing != null ? existing : load(tenant, manifest);
	}

	private long load(Tenant tenant, JsonNode manifest) {
		Map<String, BalconyUser> coders = new HashMap<>();
		for (String who : List.of("analyst", "admin")) {
			this.accounts.user(tenant.id(), who + "@" + tenant.slug() + ".example").ifPresent(u -> coders.put(who, u));
		}
		BalconyUser analyst = coders.get("analyst");
		BalconyUser admin = coders.get("admin");
		if (analyst == null || admin == null) {
			throw new IllegalStateException("The demo needs the analyst and admin accounts");
		}
		long projectId = this.evidence.createProject(analyst, manifest.get("project").asText(),
				manifest.get("description").asText(), manifest.get("framework").asText());
		List<String> speakers = speakers(tenant.id());
		Map<String, Long> sourceIds = new HashMap<>();
		for (JsonNode entry : manifest.get("sources")) {
			String file = entry.get("file").asText();
			String text = text(file, speakers);
			Map<String, String> attributes = new HashMap<>();
			entry.get("attributes").fields().forEachRemaining(f -> attributes.put(f.getKey(), f.getValue().asText()));
			ImportResult result = this.evidence.importNow(tenant.id(), analyst.getUsername(), projectId,
					List.of(new EvidenceService.Upload(file, text.getBytes(StandardCharsets.UTF_8))), attributes, null);
			if (!result.applied()) {
				throw new IllegalStateException("Demo source " + file + ": " + result.errors());
			}
			sourceIds.put(file.substring(0, file.lastIndexOf('.')), result.sourceIds().get(0));
		}
		List<String> review = new ArrayList<>();
		manifest.get("review").forEach(r -> review.add(r.asText()));
		sourceIds.forEach((name, id) -> {
			if (!review.contains(name)) {
				this.evidence.confirmRedaction(analyst, id);
			}
		});
		Map<String, Long> codeIds = new HashMap<>();
		for (Code code : this.evidence.codes(analyst, projectId)) {
			codeIds.put(code.key(), code.id());
		}
		for (JsonNode coding : manifest.get("codings")) {
			long sourceId = sourceIds.get(coding.get("source").asText());
			Source source = this.evidence.source(analyst, sourceId, false);
			String quote = coding.get("quote").asText();
			int start = source.content().indexOf(quote);
			if (start < 0) {
				throw new IllegalStateException("Demo coding: '" + quote + "' is not in " + source.name());
			}
			for (String coder : List.of("analyst", "admin")) {
				List<Long> codes = new ArrayList<>();
				coding.get(coder).forEach(c -> codes.add(codeIds.get(c.asText())));
				if (!codes.isEmpty()) {
					this.evidence.code(coders.get(coder), sourceId, codes, start, start + quote.length(), "MANUAL",
							null);
				}
			}
		}
		for (JsonNode memo : manifest.get("memos")) {
			String target = memo.get("target").asText();
			BalconyUser author = coders.get(memo.get("author").asText());
			if (target.equals("PROJECT")) {
				this.evidence.addMemo(author, projectId, "PROJECT", projectId, memo.get("body").asText());
			}
			else {
				this.evidence.addMemo(author, projectId, "CODE", codeIds.get(target.substring("CODE:".length())),
						memo.get("body").asText());
			}
		}
		return projectId;
	}

	/** Whether this is the demo ICS (the only tenant whose staff the demo texts name). */
	public boolean isDemo(long tenantId) {
		return this.accounts.findTenant(DemoIcs.SLUG).map(t -> t.id() == tenantId).orElse(false);
	}

	/**
	 * The demo interviews and workshop as files, to import by hand: a zip of the texts as
	 * the demo project was made from them (speakers named, nothing redacted yet) and an
	 * {@code attributes.csv} with each file's case attributes (the import skips it). Only
	 * in the demo ICS, for analysts and admins.
	 * @throws app.balcony.shared.NotFoundException in any other ICS
	 */
	public byte[] interviewsZip(BalconyUser user) {
		EvidenceService.requireAnalyst(user);
		if (!isDemo(user.tenantId())) {
			throw new app.balcony.shared.NotFoundException("Demo interviews (only in the demo ICS)");
		}
		JsonNode manifest = read("manifest.json");
		List<String> speakers = speakers(user.tenantId());
		List<String> columns = List.of("level", "place", "sector", "role");
		StringBuilder csv = new StringBuilder("file," + String.join(",", columns) + "\n");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
			for (JsonNode entry : manifest.get("sources")) {
				String file = entry.get("file").asText();
				zip.putNextEntry(new ZipEntry("northvale-interviews/" + file));
				zip.write(text(file, speakers).getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
				csv.append(quoted(file));
				for (String column : columns) {
					csv.append(',').append(quoted(entry.get("attributes").path(column).asText("")));
				}
				csv.append('\n');
			}
			zip.putNextEntry(new ZipEntry("northvale-interviews/attributes.csv"));
			zip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static String quoted(String value) {
		return "\"" + value.replace("\"", "\"\"") + "\"";
	}

	/**
	 * Speakers are real people of the demo model, picked evenly from the sorted names.
	 */
	private List<String> speakers(long tenantId) {
		List<String> people = new ArrayList<>(new TreeSet<>(this.system.knownNames(tenantId).people()));
		List<String> speakers = new ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			speakers.add(people.isEmpty() ? "Speaker " + i : people.get((people.size() * i / 8) % people.size()));
		}
		return speakers;
	}

	private static String text(String file, List<String> speakers) {
		String text = new String(bytes(file), StandardCharsets.UTF_8);
		for (int i = 0; i < speakers.size(); i++) {
			text = text.replace("{{PERSON_" + (i + 1) + "}}", speakers.get(i));
		}
		return text;
	}

	private JsonNode read(String name) {
		try {
			return this.json.readTree(bytes(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] bytes(String name) {
		try (InputStream in = new ClassPathResource(FOLDER + name).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
