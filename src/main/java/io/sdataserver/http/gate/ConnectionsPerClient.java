package io.sdataserver.http.gate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
            ctx.write(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, GateAnswer.tooManyConnections(cap).raw()));
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
