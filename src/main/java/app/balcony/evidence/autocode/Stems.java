package app.balcony.evidence.autocode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** English word stems without stop words (Lucene's English analyser: Porter stemming). */
public final class Stems {

	private static final Analyzer ANALYZER = new EnglishAnalyzer();

	private Stems() {
	}

	public static List<String> of(String text) {
		List<String> out = new ArrayList<>();
		try (TokenStream stream = ANALYZER.tokenStream("t", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				out.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out;
	}

}
