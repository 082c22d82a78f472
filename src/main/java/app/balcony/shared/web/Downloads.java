package app.balcony.shared.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every file Balcony hands out (exports, templates, link lists): the same headers, so a
 * browser saves it under its name (non-ASCII names too) and nothing is shown inline.
 */
public final class Downloads {

	/** CSV in UTF-8 (Balcony's CSV carries a byte-order mark for spreadsheets). */
	public static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");

	public static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	public static final MediaType ZIP = MediaType.parseMediaType("application/zip");

	public static final MediaType PDF = MediaType.APPLICATION_PDF;

	private Downloads() {
	}

	/** A file to save as {@code fileName}. */
	public static ResponseEntity<byte[]> file(String fileName, MediaType type, byte[] body) {
		boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(fileName);
		ContentDisposition disposition = ascii ? ContentDisposition.attachment().filename(fileName).build()
				: ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.contentType(type)
			.body(body);
	}

	/** A text file (UTF-8) to save as {@code fileName}. */
	public static ResponseEntity<byte[]> text(String fileName, MediaType type, String body) {
		return file(fileName, type, body.getBytes(StandardCharsets.UTF_8));
	}

}
