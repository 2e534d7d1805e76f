package io.sdataserver.http.gate;

import io.sdataserver.diagnosis.DiagnosesXml;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Caps the connections one client address may hold open (--max-connections-per-client). A connection over the cap is
 * answered 503 with a diagnosis and closed before anything is read from it.
 */
final class ConnectionsPerClient extends BaseFilter {
    private final int cap;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Attribute<InetAddress> counted = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("sdata.client");

    ConnectionsPerClient(int cap) { this.cap = cap; }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        Connection<?> c = ctx.getConnection();
        if (!(c.getPeerAddress() instanceof InetSocketAddress peer)) return ctx.getInvokeAction();
        InetAddress address = peer.getAddress();
        AtomicInteger n = open.computeIfAbsent(address, a -> new AtomicInteger());
        if (n.incrementAndGet() > cap) {
            n.decrementAndGet();
            GateAnswer a = GateAnswer.tooManyConnections(cap);
            byte[] body = DiagnosesXml.bytes(List.of(a.diagnosis()));
            String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/xml;charset=UTF-8\r\nRetry-After: "
                    + a.retryAfter() + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            ctx.write(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, all));
            c.closeSilently();
            return ctx.getStopAction();
        }
        counted.set(c, address);
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        InetAddress address = counted.remove(ctx.getConnection());
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
        return ctx.getInvokeAction();
    }
}
