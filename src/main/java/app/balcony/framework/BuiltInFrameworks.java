package app.balcony.framework;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The frameworks that ship with Balcony, read from {@code classpath:frameworks/*.json}.
 * Usable without Spring (the {@code code} command needs no database).
 */
public final class BuiltInFrameworks {

	/** Keys in the order Balcony shows them. */
	public static final List<String> KEYS = List.of("dimension", "paradox", "disconnect", "dl_options",
			"programme_theme", "conditions", "readiness", "self_assessment", "icare_skills");

	private static final Map<String, Framework> ALL = load();

	private BuiltInFrameworks() {
	}

	public static List<Framework> all() {
		return List.copyOf(ALL.values());
	}

	public static Optional<Framework> find(String key) {
		return Optional.ofNullable(ALL.get(key));
	}

	private static Map<String, Framework> load() {
		ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
		Map<String, Framework> frameworks = new LinkedHashMap<>();
		for (String key : KEYS) {
			String resource = "/frameworks/" + key + ".json";
			try (InputStream in = BuiltInFrameworks.class.getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("Missing built-in framework " + resource);
				}
				Framework read = mapper.readValue(in, Framework.class);
				frameworks.put(key, new Framework(read.key(), read.version(), read.name(), read.source(),
						read.description(), true, read.elements()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read built-in framework " + resource, ex);
			}
		}
		return frameworks;
	}

}
