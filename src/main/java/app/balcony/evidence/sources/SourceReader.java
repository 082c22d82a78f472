package app.balcony.evidence.sources;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/**
 * Turns an uploaded file into plain text: .txt and .md as UTF-8, .docx paragraphs (Apache
 * POI), .pdf text (PDFBox), and .vtt/.srt subtitle transcripts, whose cues become
 * "Speaker: words" lines (consecutive cues of one speaker are joined into one turn).
 */
public final class SourceReader {

	static {
		// Office files are zip archives: the same limits as any uploaded archive.
		app.balcony.shared.SafeZip.configurePoi();
	}

	public static final List<String> FORMATS = List.of("txt", "md", "docx", "pdf", "vtt", "srt");

	private static final Pattern TIMING = Pattern
		.compile("^\\s*(\\d{1,2}:)?\\d{1,2}:\\d{2}[.,]\\d{1,3}\\s*-->\\s*(\\d{1,2}:)?\\d{1,2}:\\d{2}[.,]\\d{1,3}.*$");

	private static final Pattern VOICE = Pattern.compile("^<v(?:\\.[^ >]+)*\\s+([^>]+)>(.*?)(</v>)?$");

	private static final Pattern TAGS = Pattern.compile("</?[^>]+>");

	private static final Pattern NAMED_LINE = Pattern.compile("^([^:\\n]{1,40}):\\s+(.*)$");

	private SourceReader() {
	}

	public static String format(String fileName) {
		int dot = fileName.lastIndexOf('.');
		return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/** The text of a file, or a message saying what is wrong with it. */
	public static String read(String fileName, byte[] bytes) {
		String format = format(fileName);
		try {
			return switch (format) {
				case "txt", "md" -> normalise(utf8(fileName, bytes));
				case "docx" -> docx(bytes);
				case "pdf" -> pdf(bytes);
				case "vtt", "srt" -> subtitles(utf8(fileName, bytes));
				default -> throw new SourceException(fileName + ": unsupported file type '." + format + "' (use "
						+ String.join(", ", FORMATS.stream().map(f -> "." + f).toList()) + ")");
			};
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof SourceException source) {
				throw source;
			}
			throw new SourceException(fileName + ": cannot be read as ." + format + " (" + ex.getMessage() + ")");
		}
	}

	public static final class SourceException extends RuntimeException {

		SourceException(String message) {
			super(message);
		}

	}

	private static String utf8(String fileName, byte[] bytes) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes))
				.toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			throw new SourceException(fileName + ": not UTF-8 text (save it as UTF-8 and try again)");
		}
	}

	private static String normalise(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').strip() + "\n";
	}

	private static String docx(byte[] bytes) throws IOException {
		try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
			StringBuilder out = new StringBuilder();
			for (XWPFParagraph paragraph : document.getParagraphs()) {
				String text = paragraph.getText();
				if (!text.isBlank()) {
					out.append(text.strip()).append('\n');
				}
			}
			return normalise(out.toString());
		}
	}

	private static String pdf(byte[] bytes) throws IOException {
		try (PDDocument document = Loader.loadPDF(bytes)) {
			return normalise(new PDFTextStripper().getText(document));
		}
	}

	/** WebVTT and SubRip: cue text, with speakers from {@code <v Name>} or "Name:". */
	static String subtitles(String raw) {
		List<String[]> cues = new ArrayList<>();
		String[] lines = normalise(raw).split("\n");
		boolean inCue = false;
		StringBuilder current = null;
		String speaker = null;
		for (String line : lines) {
			if (TIMING.matcher(line).matches()) {
				inCue = true;
				current = new StringBuilder();
				speaker = null;
				continue;
			}
			if (line.isBlank()) {
				if (inCue && current != null && current.length() > 0) {
					cues.add(new String[] { speaker, current.toString() });
				}
				inCue = false;
				current = null;
				continue;
			}
			if (!inCue) {
				continue;
			}
			String text = line.strip();
			Matcher voice = VOICE.matcher(text);
			if (voice.matches()) {
				speaker = voice.group(1).strip();
				text = voice.group(2);
			}
			text = TAGS.matcher(text).replaceAll("").strip();
			Matcher named = NAMED_LINE.matcher(text);
			if (speaker == null && current.length() == 0 && named.matches()) {
				speaker = named.group(1).strip();
				text = named.group(2);
			}
			if (!text.isEmpty()) {
				current.append(current.length() == 0 ? "" : " ").append(text);
			}
		}
		if (inCue && current != null && current.length() > 0) {
			cues.add(new String[] { speaker, current.toString() });
		}
		StringBuilder out = new StringBuilder();
		String previous = null;
		for (String[] cue : cues) {
			boolean sameSpeaker = cue[0] != null && cue[0].equals(previous);
			if (sameSpeaker) {
				out.append(' ').append(cue[1]);
			}
			else {
				if (out.length() > 0) {
					out.append('\n');
				}
				out.append(cue[0] == null ? "" : cue[0] + ": ").append(cue[1]);
			}
			previous = cue[0];
		}
		return out.append('\n').toString();
	}

}
