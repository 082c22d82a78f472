package app.balcony.evidence.qda;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import app.balcony.shared.BadRequestException;

/**
 * XML and zip helpers for REFI-QDA files: DTDs and external entities refused, zips read
 * within Balcony's limits, stable GUIDs for what Balcony writes.
 */
final class QdaXml {

	static final String CODEBOOK_NS = "urn:QDA-XML:codebook:1.0";

	static final String PROJECT_NS = "urn:QDA-XML:project:1.0";

	private QdaXml() {
	}

	static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
		w.writeStartElement(name);
		w.writeCharacters(text);
		w.writeEndElement();
	}

	/**
	 * Stable identifiers, so that exporting the same project twice gives the same GUIDs.
	 */
	static String guid(String kind, Object id) {
		return UUID.nameUUIDFromBytes(("balcony:" + kind + ":" + id).getBytes(StandardCharsets.UTF_8)).toString();
	}

	interface XmlBody {

		void write(XMLStreamWriter writer) throws XMLStreamException;

	}

	static byte[] xml(XmlBody body) {
		try {
			StringWriter out = new StringWriter();
			XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
			w.writeStartDocument("UTF-8", "1.0");
			body.write(w);
			w.writeEndDocument();
			w.close();
			return out.toString().getBytes(StandardCharsets.UTF_8);
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, byte[]> unzip(String fileName, byte[] bytes) {
		Map<String, byte[]> entries = app.balcony.shared.SafeZip.read(fileName, bytes, name -> true);
		if (entries.isEmpty()) {
			throw new BadRequestException(fileName + ": not a .qdpx file (an empty or unreadable zip)");
		}
		return entries;
	}

	/** Parses XML with DTDs and external entities refused. */
	static Element parse(String fileName, byte[] bytes) {
		try {
			return app.balcony.shared.SafeXml.parse(bytes).getDocumentElement();
		}
		catch (SAXException ex) {
			throw new BadRequestException(fileName + ": not well-formed XML (" + ex.getMessage() + ")");
		}
		catch (IOException ex) {
			throw new BadRequestException(fileName + ": could not be read (" + ex.getMessage() + ")");
		}
	}

	static List<Element> elements(Element parent) {
		List<Element> out = new ArrayList<>();
		if (parent == null) {
			return out;
		}
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e) {
				out.add(e);
			}
		}
		return out;
	}

	static List<Element> children(Element parent, String localName) {
		return elements(parent).stream().filter(e -> localName.equals(e.getLocalName())).toList();
	}

	static Element child(Element parent, String localName) {
		List<Element> found = children(parent, localName);
		return found.isEmpty() ? null : found.get(0);
	}

	static List<String> refs(Element parent, String localName) {
		return children(parent, localName).stream().map(e -> e.getAttribute("targetGUID")).toList();
	}

}
