package io.sdataserver.diagnosis;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** The sdata:diagnoses document: the body of every 4xx/5xx answer except 412. */
@XmlRootElement(name = "diagnoses")
@XmlAccessorType(XmlAccessType.FIELD)
public final class Diagnoses {
    public static final String NS = "http://schemas.sage.com/sdata/2008/1";

    @XmlElement(name = "diagnosis")
    private List<Diagnosis> diagnoses = new ArrayList<>();

    public Diagnoses() { }

    public Diagnoses(List<Diagnosis> diagnoses) { this.diagnoses = new ArrayList<>(diagnoses); }

    public List<Diagnosis> list() { return diagnoses; }
}
