package app.balcony.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Parses uploaded XML with document type declarations (and so external entities and
 * entity expansion) refused, secure processing on and XInclude off, namespace-aware.
 */
public final class SafeXml {

	private SafeXml() {
	}

	/**
	 * @throws SAXException when the bytes are not well-formed XML or declare a DOCTYPE
	 * @throws IOException when they cannot be read
	 */
	public static Document parse(byte[] content) throws SAXException, IOException {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			return builder.parse(new ByteArrayInputStream(content));
		}
		catch (ParserConfigurationException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
	}

}
