package app.balcony.evidence.autocode;

/** A passage the analyst coded (or a suggestion they accepted) with one code. */
public record LabelledExample(String text, String label) {

}
