package dev.lensix.reporters.junit;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The two JUnit XML schemas lensix's output is checked against ({@code src/test/resources/schemas}, unchanged copies,
 * provenance in {@code SOURCES.md} there), with {@code javax.xml.validation}, on the bytes exactly as given:
 * <ul>
 *   <li>{@code jenkins-xunit-junit-10.xsd}, the Jenkins xUnit plug-in's "JUnit" schema;</li>
 *   <li>{@code junit.xsd}, Ant's (Windy Road) schema, which the Azure Pipelines JUnit reader names.</li>
 * </ul>
 */
final class JunitSchemas {

    private static final Schema JENKINS = load("jenkins-xunit-junit-10.xsd");
    private static final Schema ANT = load("junit.xsd");

    private JunitSchemas() {
    }

    static List<String> jenkinsViolations(byte[] xml) throws Exception {
        return validate(JENKINS, new StreamSource(new ByteArrayInputStream(xml)));
    }

    static List<String> antViolations(byte[] xml) throws Exception {
        return validate(ANT, new StreamSource(new ByteArrayInputStream(xml)));
    }

    /** A DOM of {@code xml}: no DTDs, no external entities. */
    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new ByteArrayInputStream(xml)));
    }

    private static List<String> validate(Schema schema, Source source) throws Exception {
        List<String> errors = new ArrayList<>();
        Validator validator = schema.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(describe(e));
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                errors.add(describe(e));
                throw e;
            }
        });
        try {
            validator.validate(source);
        } catch (SAXParseException e) {
            // already recorded
        }
        return errors;
    }

    private static String describe(SAXParseException e) {
        return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
    }

    private static Schema load(String name) {
        URL url = JunitSchemas.class.getResource("/schemas/" + name);
        if (url == null) {
            throw new IllegalStateException("schemas/" + name + " is missing from the test resources");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            return factory.newSchema(url);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot load schema " + name + ": " + e.getMessage(), e);
        }
    }
}
