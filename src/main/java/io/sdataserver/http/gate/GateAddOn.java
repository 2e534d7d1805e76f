package io.sdataserver.http.gate;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/** Puts the gate's parts into a listener's filter chain: the per-client connection cap and the SData HTTP codec. */
public final class GateAddOn implements AddOn {
    private final Limits limits;

    public GateAddOn(Limits limits) { this.limits = limits; }

    /** The listener settings the gate relies on, applied before the listener builds its filter chain. */
    public void configure(NetworkListener listener) {
        listener.setMaxHttpHeaderSize(limits.maxHeaderBytes());
        listener.registerAddOn(this);
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(org.glassfish.grizzly.http.HttpServerFilter.class);
        org.glassfish.grizzly.http.HttpServerFilter original = (org.glassfish.grizzly.http.HttpServerFilter) builder.get(codec);
        HttpCodec replacement = new HttpCodec(limits, listener.isChunkingEnabled(), listener.getKeepAlive(),
                listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
        replacement.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
        // a body left unread after an answer is read and dropped up to this much, then the connection is closed
        replacement.setMaxPayloadRemainderToSkip(GateAnswer.DRAIN_BYTES);
        builder.set(codec, replacement);
        if (limits.maxConnectionsPerClient() > 0) {
            builder.add(builder.indexOfType(TransportFilter.class) + 1, new ConnectionsPerClient(limits.maxConnectionsPerClient()));
        }
    }
}
