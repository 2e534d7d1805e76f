package io.sdataserver.diagnosis;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The sdata:diagnoses document as bytes, for the answers given below Jersey (the request gate, the HTTP codec, the
 * container guard), where no message body writer runs. Jersey's answers go through its JAXB provider instead.
 */
public final class DiagnosesXml {
    private static final JAXBContext JAXB = context();

    private DiagnosesXml() { }

    public static byte[] bytes(List<Diagnosis> diagnoses) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            JAXB.createMarshaller().marshal(new Diagnoses(diagnoses), out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(Diagnoses.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
