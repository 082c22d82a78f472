/**
 * Offline auto-coding: code suggestions for any codebook from its definitions, examples
 * and cue words, a small sentence-embedding model shipped in the jar, and the analyst's
 * own coded examples; and the tension finder. Plain Java, no Spring and no network, so
 * the {@code code} command and the web application share it.
 */
@org.springframework.modulith.NamedInterface("autocode")
package app.balcony.evidence.autocode;
