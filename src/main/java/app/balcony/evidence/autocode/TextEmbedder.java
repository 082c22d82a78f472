package app.balcony.evidence.autocode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantised, 384 dimensions), run in process
 * with ONNX Runtime from the model inside the jar: no text leaves the machine. Vectors
 * are unit length, so a dot product is the cosine similarity. Thread-safe; recent results
 * are cached.
 */
public final class TextEmbedder {

	private static volatile TextEmbedder shared;

	private final EmbeddingModel model;

	private final Map<String, float[]> cache = new LinkedHashMap<>(1024, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
			return size() > 20_000;
		}
	};

	private TextEmbedder() {
		this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
	}

	/** The process-wide embedder, loaded on first use (under a second). */
	public static TextEmbedder shared() {
		TextEmbedder local = shared;
		if (local == null) {
			synchronized (TextEmbedder.class) {
				local = shared;
				if (local == null) {
					local = new TextEmbedder();
					shared = local;
				}
			}
		}
		return local;
	}

	public float[] embed(String text) {
		return embedAll(List.of(text)).get(0);
	}

	/** Embeds many texts at once (faster than one by one); same order as given. */
	public List<float[]> embedAll(List<String> texts) {
		float[][] out = new float[texts.size()][];
		List<Integer> missing = new ArrayList<>();
		synchronized (this.cache) {
			for (int i = 0; i < texts.size(); i++) {
				out[i] = this.cache.get(texts.get(i));
				if (out[i] == null) {
					missing.add(i);
				}
			}
		}
		for (int from = 0; from < missing.size(); from += 32) {
			List<Integer> batch = missing.subList(from, Math.min(missing.size(), from + 32));
			List<TextSegment> segments = batch.stream()
				.map(i -> TextSegment.from(texts.get(i).isBlank() ? "." : texts.get(i)))
				.toList();
			var embeddings = this.model.embedAll(segments).content();
			for (int j = 0; j < batch.size(); j++) {
				float[] vector = normalise(embeddings.get(j).vector());
				out[batch.get(j)] = vector;
				synchronized (this.cache) {
					this.cache.put(texts.get(batch.get(j)), vector);
				}
			}
		}
		return List.of(out);
	}

	static float[] normalise(float[] v) {
		double sum = 0;
		for (float x : v) {
			sum += x * x;
		}
		double norm = Math.sqrt(sum);
		float[] out = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
		}
		return out;
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

}
