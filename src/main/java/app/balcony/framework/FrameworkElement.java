package app.balcony.framework;

import java.util.ArrayList;
import java.util.List;

/**
 * One element of a framework (a dimension, a paradox, a theme...), with its definition,
 * example statements, optional poles (for paradoxes), cue words that often signal it, an
 * optional cluster name and sub-elements.
 */
public record FrameworkElement(String key, String name, String definition, String cluster, List<String> poles,
		List<String> examples, List<String> cues, String colour, List<FrameworkElement> children) {

	public FrameworkElement {
		poles = poles == null ? List.of() : List.copyOf(poles);
		examples = examples == null ? List.of() : List.copyOf(examples);
		cues = cues == null ? List.of() : List.copyOf(cues);
		children = children == null ? List.of() : List.copyOf(children);
		definition = definition == null ? "" : definition;
	}

	/** This element followed by all its descendants, depth first. */
	public List<FrameworkElement> flatten() {
		List<FrameworkElement> all = new ArrayList<>();
		all.add(this);
		for (FrameworkElement child : this.children) {
			all.addAll(child.flatten());
		}
		return all;
	}

}
