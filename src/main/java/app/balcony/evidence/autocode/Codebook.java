package app.balcony.evidence.autocode;

import java.util.List;

import app.balcony.framework.Framework;
import app.balcony.framework.FrameworkElement;

/**
 * What the auto-coder knows about a set of codes: for each, its definition, example
 * statements, poles and cue words.
 */
public record Codebook(String key, List<Code> codes) {

	public record Code(String key, String name, String definition, List<String> examples, List<String> poles,
			List<String> cues) {

		public Code {
			examples = examples == null ? List.of() : List.copyOf(examples);
			poles = poles == null ? List.of() : List.copyOf(poles);
			cues = cues == null ? List.of() : List.copyOf(cues);
			definition = definition == null ? "" : definition;
		}

	}

	public Codebook {
		codes = List.copyOf(codes);
		if (codes.isEmpty()) {
			throw new IllegalArgumentException("A codebook needs at least one code");
		}
	}

	/**
	 * The framework's top-level elements as codes. Sub-elements lend their names,
	 * definitions and examples to their parent, so a code knows everything under it.
	 */
	public static Codebook of(Framework framework) {
		return new Codebook(framework.key(), framework.elements().stream().map(Codebook::code).toList());
	}

	/**
	 * One element as a code: its examples plus the names, definitions and examples of its
	 * sub-elements.
	 */
	public static Code code(FrameworkElement element) {
		List<String> examples = new java.util.ArrayList<>(element.examples());
		for (FrameworkElement child : element.children()) {
			for (FrameworkElement sub : child.flatten()) {
				examples.add(sub.name() + ": " + sub.definition());
				examples.addAll(sub.examples());
			}
		}
		return new Code(element.key(), element.name(), element.definition(), examples, element.poles(), element.cues());
	}

}
