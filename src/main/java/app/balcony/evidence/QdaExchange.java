package app.balcony.evidence;

import java.util.List;

import app.balcony.evidence.qda.QdaExport;
import app.balcony.evidence.qda.QdaImport;
import app.balcony.identity.BalconyUser;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exchange with other qualitative analysis tools through the REFI-QDA standard: codebooks
 * ({@code .qdc}, namespace {@code urn:QDA-XML:codebook:1.0}) and whole projects
 * ({@code .qdpx}: a zip holding {@code project.qde} in {@code urn:QDA-XML:project:1.0}
 * and the source texts in a {@code sources/} folder).
 * <p>
 * Positions in REFI-QDA count Unicode characters (code points); Balcony keeps UTF-16
 * offsets, so every position is converted on the way out and back. Each coder's codings
 * become their own selections, so several coders survive a round trip. Case attributes
 * travel as text variables on each source; a speaker's attributes as a case holding that
 * speaker's turns (one uncoded selection per turn); memos as notes.
 */
@Service
public class QdaExchange {

	private final QdaExport exports;

	private final QdaImport imports;

	QdaExchange(QdaExport exports, QdaImport imports) {
		this.exports = exports;
		this.imports = imports;
	}

	/** What an import did. */
	public record ImportSummary(long projectId, int codes, int sources, int codings, int memos, int redactions,
			List<String> notes) {
	}

	/** The project's codebook as a REFI-QDA .qdc document. */
	@Transactional(readOnly = true)
	public byte[] exportCodebook(BalconyUser user, long projectId) {
		return this.exports.exportCodebook(user, projectId);
	}

	/**
	 * The whole project (codebook, coders, sources, codings, attributes, memos) as .qdpx.
	 */
	@Transactional
	public byte[] exportProject(BalconyUser user, long projectId) {
		return this.exports.exportProject(user, projectId);
	}

	/**
	 * Adds the codes of a REFI-QDA codebook (.qdc, or the codebook inside a .qde/.qdpx)
	 * to a project. Codes already there (same name under the same parent) are kept, not
	 * duplicated. All or nothing.
	 */
	@Transactional
	public int importCodebook(BalconyUser user, long projectId, String fileName, byte[] bytes) {
		return this.imports.importCodebook(user, projectId, fileName, bytes);
	}

	/**
	 * Creates a new project from a REFI-QDA project (.qdpx) exported by NVivo, ATLAS.ti,
	 * MAXQDA, QualCoder or Balcony. Text sources come with their codings (kept per coder,
	 * marked as imported), case variables that match Balcony's attributes, and notes as
	 * memos. The text is redacted on the way in like any import, and coded spans are
	 * moved with the text; the source is then confirmed so coding can go on. All or
	 * nothing.
	 */
	@Transactional
	public ImportSummary importProject(BalconyUser user, String projectName, String fileName, byte[] bytes) {
		return this.imports.importProject(user, projectName, fileName, bytes);
	}

}
