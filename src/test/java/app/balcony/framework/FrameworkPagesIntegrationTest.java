package app.balcony.framework;

import java.util.HashMap;
import java.util.Map;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins copy and edit a built-in framework and create their own in the pages; every save
 * is a new version and the built-in one stays as it was.
 */
class FrameworkPagesIntegrationTest extends IntegrationTestBase {

	@Autowired
	FrameworkCatalog catalog;

	@Test
	void anAdminCopiesAndEditsABuiltInFrameworkAsANewVersion() {
		Tenant tenant = newTenant("fw");
		Browser admin = signedIn(Role.ADMIN, tenant);
		assertThat(admin.get("/frameworks").body()).contains("Create a framework");
		String edit = admin.get("/frameworks/paradox/edit").body();
		assertThat(edit).contains("Save as a new version");
		Framework before = this.catalog.find(tenant.id(), "paradox", null).orElseThrow();
		Map<String, String> form = new HashMap<>();
		form.put("name", "Paradoxes (Northvale wording)");
		form.put("description", before.description());
		int i = 0;
		for (FrameworkElement e : before.elements()) {
			form.put("key" + i, e.key());
			form.put("name" + i, e.key().equals("place") ? "Place and system" : e.name());
			form.put("parent" + i, "");
			form.put("definition" + i, e.definition());
			form.put("examples" + i, String.join("\n", e.examples()));
			i++;
		}
		form.put("key" + i, "");
		form.put("name" + i, "Time horizons");
		form.put("parent" + i, "");
		form.put("definition" + i, "Short-term pressures against long-term change.");
		form.put("examples" + i, "We plan for winter and forget the next ten years.");
		assertThat(admin.post("/frameworks/paradox/edit", form).statusCode()).isEqualTo(302);
		Framework after = this.catalog.find(tenant.id(), "paradox", null).orElseThrow();
		assertThat(after.version()).isEqualTo(before.version() + 1);
		assertThat(after.builtIn()).isFalse();
		assertThat(after.element("place").orElseThrow().name()).isEqualTo("Place and system");
		// Poles and cues the form does not show are kept.
		assertThat(after.element("place").orElseThrow().poles())
			.isEqualTo(before.element("place").orElseThrow().poles());
		assertThat(after.element("time_horizons").orElseThrow().examples())
			.containsExactly("We plan for winter and forget the next ten years.");
		assertThat(this.catalog.find(tenant.id(), "paradox", before.version()).orElseThrow().elements())
			.hasSameSizeAs(before.elements());
		assertThat(admin.get("/frameworks/paradox").body()).contains("Place and system", "Time horizons");

		// A new framework of our own, with a sub-element.
		admin.get("/frameworks");
		assertThat(admin
			.post("/frameworks", Map.of("key", "our_values", "name", "Our values", "firstElement", "Compassion"))
			.statusCode()).isEqualTo(302);
		admin.get("/frameworks/our_values/edit");
		Map<String, String> own = new HashMap<>(Map.of("name", "Our values", "key0", "compassion", "name0",
				"Compassion", "parent0", "", "definition0", "Care for people", "examples0", ""));
		own.putAll(Map.of("key1", "", "name1", "Listening first", "parent1", "compassion", "definition1", "",
				"examples1", ""));
		assertThat(admin.post("/frameworks/our_values/edit", own).statusCode()).isEqualTo(302);
		assertThat(this.catalog.find(tenant.id(), "our_values", null).orElseThrow().allElements())
			.extracting(FrameworkElement::key)
			.containsExactly("compassion", "listening_first");
		// Members read frameworks but cannot edit them.
		assertThat(signedIn(Role.MEMBER, tenant).get("/frameworks/our_values/edit").statusCode()).isEqualTo(403);
	}

}
