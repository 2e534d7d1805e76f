package io.sdataserver.contract;

import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaAnnotated;
import org.apache.ws.commons.schema.constants.Constants;
import org.w3c.dom.Attr;

/** Reads sme: extension attributes (namespace http://schemas.sage.com/sdata/sme/2007) off schema components. */
final class Sme {
    static final String NS = "http://schemas.sage.com/sdata/sme/2007";

    private Sme() { }

    /** XmlSchema keeps foreign attributes in the meta-info map as DOM attributes keyed by QName. */
    static String attr(XmlSchemaAnnotated component, String localName) {
        Map<Object, Object> meta = component.getMetaInfoMap();
        if (meta == null) return null;
        Object external = meta.get(Constants.MetaDataConstants.EXTERNAL_ATTRIBUTES);
        if (!(external instanceof Map)) return null;
        Object a = ((Map<?, ?>) external).get(new QName(NS, localName));
        return a instanceof Attr ? ((Attr) a).getValue() : null;
    }

    static boolean flag(XmlSchemaAnnotated component, String localName, boolean dflt) {
        String v = attr(component, localName);
        return v == null ? dflt : ("true".equals(v.trim()) || "1".equals(v.trim()));
    }
}
