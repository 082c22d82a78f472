package app.balcony.system;

/**
 * One uploaded file: its name (used in error messages and to tell CSV from XLSX), its
 * kind, and its bytes.
 */
public record ImportSource(String fileName, ImportKind kind, byte[] content) {
}
