/** The SData tracking payload (§3.11): the body of every 202 answer, as a JAXB document. */
@XmlSchema(namespace = Tracking.NS, elementFormDefault = XmlNsForm.QUALIFIED,
        xmlns = @XmlNs(prefix = "sdata", namespaceURI = Tracking.NS))
package io.sdataserver.tracking;

import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
