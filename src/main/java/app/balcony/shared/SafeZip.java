package app.balcony.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Reading uploaded archives (zip of sources, QDPX) within limits: how many entries, how
 * large one entry may expand to, and how large all of them together. An archive over a
 * limit is refused with the limit and the entry named, never cut short and reported as
 * imported. The Office formats (XLSX, DOCX), which are zip archives too, get the same
 * limits through Apache POI's {@link ZipSecureFile}.
 */
public final class SafeZip {

	/** Entries one archive may hold. */
	public static final int MAX_ENTRIES = 10_000;

	/** What one entry may expand to. */
	public static final long MAX_ENTRY_BYTES = 50L * 1024 * 1024;

	/** What all entries together may expand to. */
	public static final long MAX_TOTAL_BYTES = 200L * 1024 * 1024;

	static {
		// XLSX and DOCX: no entry over the same limit, no zip bomb (POI's own ratio
		// check), and no more entries than an archive may have.
		ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
		ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
	}

	private SafeZip() {
	}

	/** Applies the limits to Apache POI (called on start; idempotent). */
	public static void configurePoi() {
		// The static initialiser does the work.
	}

	/**
	 * The entries wanted (by name), read within the limits.
	 * @throws BadRequestException naming the file and what is over the limit, or when it
	 * is not a readable zip
	 */
	public static Map<String, byte[]> read(String fileName, byte[] bytes, Predicate<String> wanted) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		long total = 0;
		int count = 0;
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				if (++count > MAX_ENTRIES) {
					throw new BadRequestException(
							fileName + ": the archive has more than " + MAX_ENTRIES + " entries, the most accepted");
				}
				String name = entry.getName().replace('\\', '/');
				if (entry.isDirectory()) {
					continue;
				}
				if (!wanted.test(name)) {
					// Skipped entries are still inflated to reach the next one: they
					// count.
					byte[] buffer = new byte[64 * 1024];
					for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
						total += n;
						if (total > MAX_TOTAL_BYTES) {
							throw new BadRequestException(fileName + ": the archive expands to more than "
									+ MAX_TOTAL_BYTES / (1024 * 1024) + " MB, the most accepted");
						}
					}
					continue;
				}
				byte[] data = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
				if (data.length > MAX_ENTRY_BYTES) {
					throw new BadRequestException(fileName + ": '" + name + "' expands to more than "
							+ MAX_ENTRY_BYTES / (1024 * 1024) + " MB, the most one file in an archive may hold");
				}
				total += data.length;
				if (total > MAX_TOTAL_BYTES) {
					throw new BadRequestException(fileName + ": the archive expands to more than "
							+ MAX_TOTAL_BYTES / (1024 * 1024) + " MB, the most accepted");
				}
				entries.put(name, data);
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new BadRequestException(fileName + ": not a readable zip file (" + ex.getMessage() + ")");
		}
		return entries;
	}

}
