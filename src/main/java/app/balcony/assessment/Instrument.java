package app.balcony.assessment;

import java.util.List;

/**
 * A questionnaire: rating items grouped by framework element (and the element's parent,
 * e.g. a dimension), a response scale, open questions and options.
 */
public record Instrument(String key, String name, String description, String frameworkKey, String kind, String rater,
		List<String> scale, boolean notObserved, boolean importance, List<Section> sections, List<OpenQuestion> open) {

	/** One rating item, in the wording its raters see. */
	public record Item(String key, String text, String elementKey, String groupKey) {
	}

	/** The items of one element, with the group (e.g. dimension) it belongs to. */
	public record Section(String groupKey, String groupName, String elementKey, String elementName, List<Item> items) {
	}

	public record OpenQuestion(String key, String text) {
	}

	/** Every rating item in order. */
	public List<Item> items() {
		return this.sections.stream().flatMap(s -> s.items().stream()).toList();
	}

	/** A network survey: ties picked from the roster, collected by the network module. */
	public boolean network() {
		return "NETWORK".equals(this.kind);
	}

	public int scalePoints() {
		return this.scale.size();
	}

}
