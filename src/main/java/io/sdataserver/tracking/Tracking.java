package io.sdataserver.tracking;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;

/** sdata:tracking: where an asynchronous operation stands. sdata.xsd makes all six children mandatory. */
@XmlRootElement(name = "tracking")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"phase", "phaseDetail", "progress", "elapsedSeconds", "remainingSeconds", "pollingMillis"})
public final class Tracking {
    public static final String NS = "http://schemas.sage.com/sdata/2008/1";

    @XmlElement(required = true) private String phase;
    @XmlElement(required = true) private String phaseDetail;
    @XmlElement(required = true) private BigDecimal progress;
    @XmlElement(required = true) private long elapsedSeconds;
    @XmlElement(required = true) private long remainingSeconds;
    @XmlElement(required = true) private long pollingMillis;

    public Tracking() { }

    public Tracking(String phase, String phaseDetail, BigDecimal progress, long elapsedSeconds, long remainingSeconds,
                    long pollingMillis) {
        this.phase = phase;
        this.phaseDetail = phaseDetail;
        this.progress = progress;
        this.elapsedSeconds = elapsedSeconds;
        this.remainingSeconds = remainingSeconds;
        this.pollingMillis = pollingMillis;
    }

    public String phase() { return phase; }
    public String phaseDetail() { return phaseDetail; }
    public BigDecimal progress() { return progress; }
    public long elapsedSeconds() { return elapsedSeconds; }
    public long remainingSeconds() { return remainingSeconds; }
    public long pollingMillis() { return pollingMillis; }
}
