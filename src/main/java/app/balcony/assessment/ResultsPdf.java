package app.balcony.assessment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A PDF summary of a heatmap, landscape A4: what it shows, the anonymity rules it passed,
 * and the table (columns split over pages when there are many). Built from the same
 * {@link Results.Heatmap} the page shows, so it can never show more.
 */
public final class ResultsPdf {

	private static final float MARGIN = 36;

	private static final float ROW = 16;

	private static final int COLUMNS_PER_PAGE = 8;

	private ResultsPdf() {
	}

	public static byte[] render(Results.Heatmap heatmap) {
		PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
		try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			List<Results.Column> columns = heatmap.columns();
			for (int from = 0; from < Math.max(1, columns.size()); from += COLUMNS_PER_PAGE) {
				int to = Math.min(columns.size(), from + COLUMNS_PER_PAGE);
				page(doc, heatmap, from, to, regular, bold);
			}
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void page(PDDocument doc, Results.Heatmap heatmap, int from, int to, PDFont regular, PDFont bold)
			throws IOException {
		PDRectangle size = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
		PDPage page = new PDPage(size);
		doc.addPage(page);
		PDPageContentStream s = new PDPageContentStream(doc, page);
		float y = size.getHeight() - MARGIN;
		y = text(s, bold, 16, MARGIN, y, heatmap.campaign().name());
		y = text(s, regular, 10, MARGIN, y - 4, "Results for " + heatmap.filterLabel() + " - mean agreement, 1 to "
				+ heatmap.scalePoints() + ". Produced " + LocalDate.now() + ".");
		y = text(s, regular, 9, MARGIN, y,
				"Groups of fewer than " + heatmap.minCell() + " respondents are not shown, nor are groups or figures "
						+ "that would let a smaller group's answers be worked out from others.");
		if (heatmap.campaign().linksHandedOut()) {
			y = text(s, bold, 9, MARGIN, y, fit(handedOut(heatmap.campaign()), bold, 9, size.getWidth() - 2 * MARGIN));
		}
		y -= 8;
		float labelWidth = 190;
		float nWidth = 60;
		float colWidth = (size.getWidth() - 2 * MARGIN - labelWidth - nWidth) / Math.max(1, to - from);
		float x = MARGIN + labelWidth + nWidth;
		for (int c = from; c < to; c++) {
			text(s, bold, 8, x, y, fit(heatmap.columns().get(c).label(), bold, 8, colWidth - 4));
			x += colWidth;
		}
		text(s, bold, 8, MARGIN + labelWidth, y, "Responses");
		y -= ROW;
		String grouping = null;
		for (Results.Row r : heatmap.rows()) {
			if (y < MARGIN + ROW) {
				s.close();
				page = new PDPage(size);
				doc.addPage(page);
				s = new PDPageContentStream(doc, page);
				y = size.getHeight() - MARGIN;
			}
			if (r.grouping() != null && !r.grouping().equals(grouping)) {
				grouping = r.grouping();
				text(s, bold, 9, MARGIN, y, grouping);
				y -= ROW;
			}
			text(s, r.grouping() == null ? bold : regular, 9, MARGIN + (r.grouping() == null ? 0 : 8), y,
					fit(r.label(), regular, 9, labelWidth - 12));
			if (!r.shown()) {
				text(s, regular, 8, MARGIN + labelWidth, y,
						fit(r.reason(), regular, 8, size.getWidth() - 2 * MARGIN - labelWidth));
			}
			else {
				text(s, regular, 9, MARGIN + labelWidth, y, String.valueOf(r.respondents()));
				x = MARGIN + labelWidth + nWidth;
				for (int c = from; c < to; c++) {
					Results.Value v = r.values().get(c);
					text(s, regular, 9, x, y, v.mean() == null ? "-" : String.format("%.2f", v.mean()));
					x += colWidth;
				}
			}
			y -= ROW;
		}
		s.close();
	}

	private static float text(PDPageContentStream s, PDFont font, float size, float x, float y, String text)
			throws IOException {
		s.beginText();
		s.setFont(font, size);
		s.newLineAtOffset(x, y);
		s.showText(safe(text, font));
		s.endText();
		return y - size - 4;
	}

	/** Shortens text to a width, with an ellipsis. */
	private static String fit(String text, PDFont font, float size, float width) throws IOException {
		String t = safe(text, font);
		if (font.getStringWidth(t) / 1000 * size <= width) {
			return t;
		}
		while (t.length() > 1 && font.getStringWidth(t + "...") / 1000 * size > width) {
			t = t.substring(0, t.length() - 1);
		}
		return t + "...";
	}

	/** Characters the standard font cannot draw become '?', so no name breaks the PDF. */
	private static String safe(String text, PDFont font) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder();
		text.codePoints().forEach(cp -> {
			String ch = new String(Character.toChars(cp));
			try {
				font.encode(ch);
				out.append(ch);
			}
			catch (IOException | IllegalArgumentException ex) {
				out.append('?');
			}
		});
		return out.toString();
	}

	/**
	 * The note every export of a campaign's results carries when its links were handed
	 * out by hand.
	 */
	static String handedOut(Campaigns.Campaign c) {
		return "Links were handed out by hand by " + c.linksHandedOutBy() + " on " + c.linksHandedOutOn() + " ("
				+ c.linksHandedOutReason() + "): whoever held them could have answered for people who had not.";
	}

}
