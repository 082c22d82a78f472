package app.balcony.evidence.autocode;

import java.util.List;

/** The auto-coder's answer for one segment: every code, best first, and its tension. */
public record Suggestion(List<CodeScore> codes, Tension tension) {

	public CodeScore best() {
		return this.codes.get(0);
	}

}
