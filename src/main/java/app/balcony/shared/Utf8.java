package app.balcony.shared;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text files as UTF-8, strictly: a byte sequence that is not UTF-8 is refused with the
 * line it is on, never read as replacement characters (which would import damaged names
 * without a word). A leading byte-order mark is dropped.
 */
public final class Utf8 {

	private Utf8() {
	}

	/** The file is not UTF-8 from this line (1-based) on. */
	public static final class Invalid extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final int line;

		Invalid(int line) {
			super("line " + line + " is not valid UTF-8 text. Save the file as \"CSV UTF-8\" (Excel) or UTF-8 "
					+ "and try again.");
			this.line = line;
		}

		public int line() {
			return this.line;
		}

	}

	/** The bytes as text. @throws Invalid naming the first line that is not UTF-8 */
	public static String decode(byte[] bytes) {
		int offset = hasBom(bytes) ? 3 : 0;
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			throw new Invalid(firstBadLine(bytes, offset));
		}
	}

	public static boolean hasBom(byte[] bytes) {
		return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
	}

	private static int firstBadLine(byte[] bytes, int offset) {
		int line = 1;
		int start = offset;
		for (int i = offset; i <= bytes.length; i++) {
			if (i == bytes.length || bytes[i] == '\n') {
				CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT);
				try {
					decoder.decode(ByteBuffer.wrap(bytes, start, i - start));
				}
				catch (CharacterCodingException ex) {
					return line;
				}
				line++;
				start = i + 1;
			}
		}
		return line;
	}

}
