package app.balcony.network.waves;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A wave as GraphML or GEXF 1.2 (the version NetworkX and Gephi both read), written with
 * {@link XMLStreamWriter} so every name and value is escaped. The ties are the wave's
 * own: directed, as named, with weight, frequency, flows and usefulness; people carry
 * their {@code person_id} and whether they answered (so someone who named nobody is kept
 * on a re-import), their attributes and, when computed, their figures. Re-importing
 * Balcony's own file gives the same wave back.
 */
final class NetworkExport {

	private NetworkExport() {
	}

	/** A tie as stored: from the person who named, to the person named. */
	record Tie(String source, String target, double weight, String frequency, String flows, Integer usefulness) {
	}

	/**
	 * A person: Balcony's id, their own identifier, attribute values (in the order of
	 * {@link Figures#keys}), whether they answered, and figures by name.
	 */
	record Person(String id, String personId, String[] values, boolean respondent, Map<String, String> numbers) {
	}

	/** Attribute names, figure names and types, and whether eigenvector converged. */
	record Figures(String[] keys, String[][] figures, boolean eigenvectorConverged) {
	}

	private static final String[][] EDGE_KEYS = { { "weight", "double" }, { "frequency", "string" },
			{ "flows", "string" }, { "usefulness", "int" } };

	static String graphml(String waveName, Figures f, List<Person> people, List<Tie> ties) {
		return write(w -> {
			w.writeStartElement("graphml");
			w.writeDefaultNamespace("http://graphml.graphdrawing.org/xmlns");
			key(w, "eigenvector_converged", "graph", "boolean");
			key(w, "person_id", "node", "string");
			key(w, "respondent", "node", "boolean");
			for (String k : f.keys()) {
				key(w, k, "node", "string");
			}
			for (String[] figure : f.figures()) {
				key(w, figure[0], "node", figure[1]);
			}
			for (String[] e : EDGE_KEYS) {
				key(w, e[0], "edge", e[1]);
			}
			w.writeStartElement("graph");
			w.writeAttribute("id", clean(waveName));
			w.writeAttribute("edgedefault", "directed");
			data(w, "eigenvector_converged", Boolean.toString(f.eigenvectorConverged()));
			for (Person p : people) {
				w.writeStartElement("node");
				w.writeAttribute("id", "p" + p.id());
				data(w, "person_id", p.personId());
				data(w, "respondent", Boolean.toString(p.respondent()));
				for (int k = 0; k < f.keys().length; k++) {
					data(w, f.keys()[k], p.values()[k]);
				}
				for (Map.Entry<String, String> n : p.numbers().entrySet()) {
					data(w, n.getKey(), n.getValue());
				}
				w.writeEndElement();
			}
			int id = 0;
			for (Tie t : ties) {
				w.writeStartElement("edge");
				w.writeAttribute("id", "e" + id++);
				w.writeAttribute("source", "p" + t.source());
				w.writeAttribute("target", "p" + t.target());
				data(w, "weight", Double.toString(t.weight()));
				data(w, "frequency", t.frequency());
				data(w, "flows", t.flows());
				data(w, "usefulness", t.usefulness() == null ? null : t.usefulness().toString());
				w.writeEndElement();
			}
			w.writeEndElement();
			w.writeEndElement();
		});
	}

	static String gexf(String waveName, Figures f, List<Person> people, List<Tie> ties) {
		return write(w -> {
			w.writeStartElement("gexf");
			w.writeDefaultNamespace("http://www.gexf.net/1.2draft");
			w.writeAttribute("version", "1.2");
			w.writeStartElement("meta");
			w.writeStartElement("description");
			w.writeCharacters(waveName
					+ (f.eigenvectorConverged() ? "" : " (eigenvector centrality did not converge and is left out)"));
			w.writeEndElement();
			w.writeEndElement();
			w.writeStartElement("graph");
			w.writeAttribute("mode", "static");
			w.writeAttribute("defaultedgetype", "directed");
			w.writeStartElement("attributes");
			w.writeAttribute("class", "node");
			attribute(w, "person_id", "string");
			attribute(w, "respondent", "boolean");
			for (int k = 1; k < f.keys().length; k++) {
				attribute(w, f.keys()[k], "string");
			}
			for (String[] figure : f.figures()) {
				attribute(w, figure[0], figure[1].equals("int") ? "integer" : "double");
			}
			w.writeEndElement();
			w.writeStartElement("attributes");
			w.writeAttribute("class", "edge");
			attribute(w, "frequency", "string");
			attribute(w, "flows", "string");
			attribute(w, "usefulness", "integer");
			w.writeEndElement();
			w.writeStartElement("nodes");
			for (Person p : people) {
				w.writeStartElement("node");
				w.writeAttribute("id", "p" + p.id());
				w.writeAttribute("label", p.values()[0] == null ? "" : clean(p.values()[0]));
				w.writeStartElement("attvalues");
				attvalue(w, "person_id", p.personId());
				attvalue(w, "respondent", Boolean.toString(p.respondent()));
				for (int k = 1; k < f.keys().length; k++) {
					attvalue(w, f.keys()[k], p.values()[k]);
				}
				for (Map.Entry<String, String> n : p.numbers().entrySet()) {
					attvalue(w, n.getKey(), n.getValue());
				}
				w.writeEndElement();
				w.writeEndElement();
			}
			w.writeEndElement();
			w.writeStartElement("edges");
			int id = 0;
			for (Tie t : ties) {
				w.writeStartElement("edge");
				w.writeAttribute("id", Integer.toString(id++));
				w.writeAttribute("source", "p" + t.source());
				w.writeAttribute("target", "p" + t.target());
				w.writeAttribute("weight", Double.toString(t.weight()));
				if (t.frequency() != null || t.flows() != null || t.usefulness() != null) {
					w.writeStartElement("attvalues");
					attvalue(w, "frequency", t.frequency());
					attvalue(w, "flows", t.flows());
					attvalue(w, "usefulness", t.usefulness() == null ? null : t.usefulness().toString());
					w.writeEndElement();
				}
				w.writeEndElement();
			}
			w.writeEndElement();
			w.writeEndElement();
			w.writeEndElement();
		});
	}

	@FunctionalInterface
	private interface Body {

		void write(XMLStreamWriter w) throws XMLStreamException;

	}

	private static String write(Body body) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
			w.writeStartDocument("UTF-8", "1.0");
			body.write(w);
			w.writeEndDocument();
			w.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toString();
	}

	private static void key(XMLStreamWriter w, String name, String kind, String type) throws XMLStreamException {
		w.writeEmptyElement("key");
		w.writeAttribute("id", name);
		w.writeAttribute("for", kind);
		w.writeAttribute("attr.name", name);
		w.writeAttribute("attr.type", type);
	}

	private static void data(XMLStreamWriter w, String key, String value) throws XMLStreamException {
		if (value == null) {
			return;
		}
		w.writeStartElement("data");
		w.writeAttribute("key", key);
		w.writeCharacters(clean(value));
		w.writeEndElement();
	}

	private static void attribute(XMLStreamWriter w, String name, String type) throws XMLStreamException {
		w.writeEmptyElement("attribute");
		w.writeAttribute("id", name);
		w.writeAttribute("title", name);
		w.writeAttribute("type", type);
	}

	private static void attvalue(XMLStreamWriter w, String name, String value) throws XMLStreamException {
		if (value == null) {
			return;
		}
		w.writeEmptyElement("attvalue");
		w.writeAttribute("for", name);
		w.writeAttribute("value", clean(value));
	}

	/** Characters XML 1.0 cannot hold at all are left out. */
	private static String clean(String value) {
		StringBuilder out = new StringBuilder(value.length());
		value.codePoints().forEach(c -> {
			if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
					|| c >= 0x10000) {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

}
