package app.balcony.framework;

import java.util.List;
import java.util.Optional;

/**
 * A versioned framework. Built-in frameworks have {@code builtIn} set and belong to no
 * tenant; a tenant's copy or edit is a new version under the same key. Results and
 * codings keep the version they used.
 */
public record Framework(String key, int version, String name, String source, String description, boolean builtIn,
		List<FrameworkElement> elements) {

	public Framework {
		elements = elements == null ? List.of() : List.copyOf(elements);
		source = source == null ? "" : source;
		description = description == null ? "" : description;
	}

	/**
	 * The top-level elements' keys: the codes of this framework when used as a codebook.
	 */
	public List<String> codeKeys() {
		return this.elements.stream().map(FrameworkElement::key).toList();
	}

	/** Every element, depth first. */
	public List<FrameworkElement> allElements() {
		return this.elements.stream().flatMap(e -> e.flatten().stream()).toList();
	}

	public Optional<FrameworkElement> element(String key) {
		return allElements().stream().filter(e -> e.key().equals(key)).findFirst();
	}

}
