package app.balcony.framework.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.balcony.framework.Framework;
import app.balcony.framework.FrameworkCatalog;
import app.balcony.framework.FrameworkElement;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The frameworks in pages: everyone reads them; admins copy and edit built-in ones or
 * create their own. Every save is a new version; campaigns, projects and codings keep the
 * version they used.
 */
@Controller
class FrameworkPagesController {

	private final FrameworkCatalog catalog;

	FrameworkPagesController(FrameworkCatalog catalog) {
		this.catalog = catalog;
	}

	/** One editable row: an element with its parent's key ("" for top level). */
	public record Row(String key, String parent, String name, String definition, String examples, int depth) {
	}

	@GetMapping("/frameworks")
	String index(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("frameworks", this.catalog.list(user.tenantId()));
		return "frameworks/index";
	}

	@GetMapping("/frameworks/{key}")
	String view(@AuthenticationPrincipal BalconyUser user, @PathVariable String key,
			@RequestParam(required = false) Integer version, Model model) {
		Framework f = this.catalog.find(user.tenantId(), key, version)
			.orElseThrow(() -> new NotFoundException("No framework " + key));
		model.addAttribute("framework", f);
		model.addAttribute("rows", rows(f));
		model.addAttribute("versions", this.catalog.versions(user.tenantId(), key));
		return "frameworks/view";
	}

	@PostMapping("/frameworks")
	@PreAuthorize("hasRole('ADMIN')")
	String create(@AuthenticationPrincipal BalconyUser user, @RequestParam String key, @RequestParam String name,
			@RequestParam(required = false) String description, @RequestParam String firstElement, Model model,
			RedirectAttributes redirect) {
		if (this.catalog.find(user.tenantId(), key, null).isPresent()) {
			model.addAttribute("error", "key: a framework '" + key + "' exists already; edit it instead");
			return index(user, model);
		}
		try {
			String elementKey = firstElement == null ? ""
					: firstElement.strip().toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
			this.catalog.save(user.tenantId(), user.getUsername(), new Framework(key, 0, name, "", description, false,
					List.of(new FrameworkElement(elementKey, firstElement, "", null, null, null, null, null, null))));
		}
		catch (BadRequestException ex) {
			model.addAttribute("error", ex.getMessage());
			return index(user, model);
		}
		redirect.addFlashAttribute("flash", "Framework created. Add its elements.");
		return "redirect:/frameworks/" + key + "/edit";
	}

	@GetMapping("/frameworks/{key}/edit")
	@PreAuthorize("hasRole('ADMIN')")
	String edit(@AuthenticationPrincipal BalconyUser user, @PathVariable String key, Model model) {
		Framework f = this.catalog.find(user.tenantId(), key, null)
			.orElseThrow(() -> new NotFoundException("No framework " + key));
		List<Row> rows = new ArrayList<>(rows(f));
		for (int i = 0; i < 3; i++) {
			rows.add(new Row("", "", "", "", "", 0));
		}
		model.addAttribute("framework", f);
		model.addAttribute("rows", rows);
		model.addAttribute("parents", f.elements().stream().map(FrameworkElement::key).toList());
		return "frameworks/edit";
	}

	@PostMapping("/frameworks/{key}/edit")
	@PreAuthorize("hasRole('ADMIN')")
	String save(@AuthenticationPrincipal BalconyUser user, @PathVariable String key, @RequestParam String name,
			@RequestParam(required = false) String description, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		Framework current = this.catalog.find(user.tenantId(), key, null)
			.orElseThrow(() -> new NotFoundException("No framework " + key));
		Map<String, FrameworkElement> before = new LinkedHashMap<>();
		current.allElements().forEach(e -> before.put(e.key(), e));
		Map<String, List<FrameworkElement>> children = new LinkedHashMap<>();
		List<String[]> order = new ArrayList<>();
		for (int i = 0; form.containsKey("key" + i); i++) {
			String k = form.getOrDefault("key" + i, "").strip();
			String n = form.getOrDefault("name" + i, "").strip();
			if (k.isEmpty() && n.isEmpty()) {
				continue;
			}
			if (k.isEmpty()) {
				k = n.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
			}
			String parent = form.getOrDefault("parent" + i, "").strip();
			FrameworkElement old = before.get(k);
			List<String> examples = form.getOrDefault("examples" + i, "")
				.lines()
				.map(String::strip)
				.filter(l -> !l.isEmpty())
				.toList();
			FrameworkElement element = new FrameworkElement(k, n, form.getOrDefault("definition" + i, "").strip(),
					old == null ? null : old.cluster(), old == null ? null : old.poles(), examples,
					old == null ? null : old.cues(), old == null ? null : old.colour(), List.of());
			children.computeIfAbsent(parent, p -> new ArrayList<>()).add(element);
			order.add(new String[] { k, parent });
		}
		List<FrameworkElement> top = new ArrayList<>();
		for (FrameworkElement e : children.getOrDefault("", List.of())) {
			top.add(new FrameworkElement(e.key(), e.name(), e.definition(), e.cluster(), e.poles(), e.examples(),
					e.cues(), e.colour(), children.getOrDefault(e.key(), List.of())));
		}
		List<String> orphans = order.stream()
			.filter(o -> !o[1].isEmpty() && top.stream().noneMatch(t -> t.key().equals(o[1])))
			.map(o -> o[0])
			.toList();
		try {
			if (!orphans.isEmpty()) {
				throw new BadRequestException("elements " + orphans + ": their parent is not a top-level element");
			}
			Framework saved = this.catalog.save(user.tenantId(), user.getUsername(),
					new Framework(key, 0, name, current.source(), description, false, top));
			redirect.addFlashAttribute("flash", "Saved as version " + saved.version() + ".");
			return "redirect:/frameworks/" + key;
		}
		catch (BadRequestException ex) {
			model.addAttribute("error", ex.getMessage());
			return edit(user, key, model);
		}
	}

	private static List<Row> rows(Framework f) {
		List<Row> rows = new ArrayList<>();
		for (FrameworkElement e : f.elements()) {
			rows.add(new Row(e.key(), "", e.name(), e.definition(), String.join("\n", e.examples()), 0));
			for (FrameworkElement c : e.children()) {
				rows.add(new Row(c.key(), e.key(), c.name(), c.definition(), String.join("\n", c.examples()), 1));
			}
		}
		return rows;
	}

}
