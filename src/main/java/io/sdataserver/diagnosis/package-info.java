/** The SData error payload (§3.10): diagnoses as JAXB documents, and the exceptions that carry them. */
@XmlSchema(namespace = Diagnoses.NS, elementFormDefault = XmlNsForm.QUALIFIED,
        xmlns = @XmlNs(prefix = "sdata", namespaceURI = Diagnoses.NS))
package io.sdataserver.diagnosis;

import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
