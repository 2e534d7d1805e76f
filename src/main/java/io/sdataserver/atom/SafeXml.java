package io.sdataserver.atom;

import com.ctc.wstx.api.WstxInputProperties;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * The one XML input factory for request bodies: no DTDs (a DOCTYPE is refused, so no entity expansion and no
 * external entities), bounded depth, attribute count and text size.
 */
final class SafeXml {
    static final int MAX_DEPTH = 64;

    /** Raised for a DOCTYPE or a limit, so that the answer names the fault. */
    static final class RefusedXml extends XMLStreamException {
        RefusedXml(String message) { super(message); }
    }

    private final XMLInputFactory factory;

    SafeXml() {
        factory = new com.ctc.wstx.stax.WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 256);
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, 16 * 1024 * 1024);
    }

    XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return new StreamReaderDelegate(factory.createXMLStreamReader(in)) {
            @Override public int next() throws XMLStreamException {
                int event = super.next();
                if (event == XMLStreamConstants.DTD) throw new RefusedXml("a DOCTYPE (DTD) is not allowed in SData requests");
                if (event == XMLStreamConstants.ENTITY_REFERENCE) throw new RefusedXml("entity references are not allowed");
                return event;
            }
        };
    }
}
