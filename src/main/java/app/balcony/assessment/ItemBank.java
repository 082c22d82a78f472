package app.balcony.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.framework.BuiltInFrameworks;
import app.balcony.framework.Framework;
import app.balcony.framework.FrameworkElement;

/**
 * Balcony's item bank ({@code classpath:assessment/items.json}) and the built-in
 * instruments made from it. Items are written as a rater sees the leader ("Asks why a
 * problem keeps coming back…"); self-rated instruments show the first-person form ("I ask
 * why a problem keeps coming back…"), derived by {@link #selfForm(String)}.
 */
public final class ItemBank {

	private static final Pattern FIRST_WORD = Pattern.compile("^(\\p{L}+)(.*)$", Pattern.DOTALL);

	private static final Map<String, List<String>> SCALES = new LinkedHashMap<>();

	private static final Map<String, Instrument> INSTRUMENTS = load();

	private ItemBank() {
	}

	public static List<Instrument> instruments() {
		return List.copyOf(INSTRUMENTS.values());
	}

	public static Optional<Instrument> instrument(String key) {
		return Optional.ofNullable(INSTRUMENTS.get(key));
	}

	/** Response scales by key: agree5, frequency5, agree7. */
	public static Map<String, List<String>> scales() {
		return java.util.Collections.unmodifiableMap(SCALES);
	}

	/** The instrument answered on another scale. */
	public static Instrument withScale(Instrument instrument, String scaleKey) {
		List<String> scale = SCALES.get(scaleKey);
		if (scale == null) {
			throw new app.balcony.shared.BadRequestException(
					"scale: unknown '" + scaleKey + "'; use one of " + SCALES.keySet());
		}
		return new Instrument(instrument.key(), instrument.name(), instrument.description(), instrument.frameworkKey(),
				instrument.kind(), instrument.rater(), scale, instrument.notObserved(), instrument.importance(),
				instrument.sections(), instrument.open());
	}

	/**
	 * The same instrument with every item in the first person, for the leader's own
	 * rating.
	 */
	public static Instrument asSelf(Instrument instrument) {
		List<Instrument.Section> sections = instrument.sections()
			.stream()
			.map(s -> new Instrument.Section(s.groupKey(), s.groupName(), s.elementKey(), s.elementName(),
					s.items()
						.stream()
						.map(i -> new Instrument.Item(i.key(), selfForm(i.text()), i.elementKey(), i.groupKey()))
						.toList()))
			.toList();
		return new Instrument(instrument.key(), instrument.name(), instrument.description(), instrument.frameworkKey(),
				instrument.kind(), "self", instrument.scale(), instrument.notObserved(), instrument.importance(),
				sections, instrument.open());
	}

	/**
	 * The first-person form of an item written in the third person: "Keeps promises made
	 * to partners." becomes "I keep promises made to partners."
	 */
	public static String selfForm(String item) {
		Matcher m = FIRST_WORD.matcher(item);
		if (!m.matches()) {
			return item;
		}
		String verb = m.group(1);
		String base = switch (verb) {
			case "Is" -> "am";
			case "Has" -> "have";
			case "Does" -> "do";
			case "Goes" -> "go";
			default -> {
				String lower = verb.toLowerCase(java.util.Locale.ROOT);
				if (lower.endsWith("ies")) {
					yield lower.substring(0, lower.length() - 3) + "y";
				}
				if (lower.matches(".*(ches|shes|sses|xes|zes)")) {
					yield lower.substring(0, lower.length() - 2);
				}
				yield lower.endsWith("s") ? lower.substring(0, lower.length() - 1) : lower;
			}
		};
		String rest = m.group(2)
			.replace("the home organisation's", "my organisation's")
			.replace("the home organisation", "my organisation")
			.replace("other than the home one", "other than my own")
			.replace("personal performance", "my performance")
			.replace("personal behaviour", "my behaviour")
			.replace("personal reactions", "my reactions")
			.replace("personal strengths and limits", "my strengths and limits")
			.replace("personal practice", "my practice")
			.replace("personal standing", "my own standing")
			.replace("personal risks", "personal risks")
			.replace("at home", "in my organisation")
			.replace("does not need to be the one", "do not need to be the one");
		return "I " + base + rest;
	}

	private static Map<String, Instrument> load() {
		JsonNode root;
		try (InputStream in = ItemBank.class.getResourceAsStream("/assessment/items.json")) {
			if (in == null) {
				throw new IllegalStateException("Missing classpath:assessment/items.json");
			}
			root = new ObjectMapper().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		root.get("scales").fields().forEachRemaining(e -> {
			List<String> labels = new ArrayList<>();
			e.getValue().forEach(l -> labels.add(l.asText()));
			SCALES.put(e.getKey(), List.copyOf(labels));
		});
		Map<String, Instrument> out = new LinkedHashMap<>();
		for (JsonNode node : root.get("instruments")) {
			if ("NETWORK".equals(node.get("kind").asText())) {
				// A network survey asks for ties, not ratings: the network module
				// collects
				// them through this campaign's links.
				out.put(node.get("key").asText(),
						new Instrument(node.get("key").asText(), node.get("name").asText(),
								node.get("description").asText(), null, "NETWORK", "self", List.of(), false, false,
								List.of(), List.of()));
				continue;
			}
			String frameworkKey = node.get("framework").asText();
			Framework framework = BuiltInFrameworks.find(frameworkKey)
				.orElseThrow(() -> new IllegalStateException("Item bank names unknown framework " + frameworkKey));
			String rater = node.get("rater").asText();
			int perElement = node.get("itemsPerElement").asInt();
			List<Instrument.Section> sections = new ArrayList<>();
			for (FrameworkElement group : framework.elements()) {
				if (group.children().isEmpty()) {
					// A framework without sub-elements: each element is one self-rated
					// item.
					String text = group.definition();
					sections.add(new Instrument.Section(group.key(), group.name(), group.key(), group.name(),
							List.of(new Instrument.Item(group.key(), text, group.key(), group.key()))));
					continue;
				}
				for (FrameworkElement element : group.children()) {
					JsonNode texts = root.get("elements").get(element.key());
					if (texts == null || texts.size() < perElement) {
						throw new IllegalStateException("Item bank has too few items for " + element.key());
					}
					List<Instrument.Item> items = new ArrayList<>();
					for (int i = 0; i < perElement; i++) {
						String text = texts.get(i).asText();
						items.add(new Instrument.Item(element.key() + "." + (i + 1),
								"self".equals(rater) ? selfForm(text) : text, element.key(), group.key()));
					}
					sections.add(new Instrument.Section(group.key(), group.name(), element.key(), element.name(),
							List.copyOf(items)));
				}
			}
			List<String> scale = new ArrayList<>();
			root.get("scales").get(node.get("scale").asText()).forEach(l -> scale.add(l.asText()));
			List<Instrument.OpenQuestion> open = new ArrayList<>();
			node.get("open")
				.forEach(q -> open.add(new Instrument.OpenQuestion(q.get("key").asText(), q.get("text").asText())));
			out.put(node.get("key").asText(),
					new Instrument(node.get("key").asText(), node.get("name").asText(),
							node.get("description").asText(), frameworkKey, node.get("kind").asText(), rater,
							List.copyOf(scale), node.path("notObserved").asBoolean(false),
							node.path("importance").asBoolean(false), List.copyOf(sections), List.copyOf(open)));
		}
		return out;
	}

}
