package io.sdataserver.http;

import io.sdataserver.ServerConfig;
import io.sdataserver.atom.AtomReader;
import io.sdataserver.contract.Contract;
import io.sdataserver.payload.PayloadWriter;
import io.sdataserver.service.ChildService;
import io.sdataserver.service.Dataset;
import io.sdataserver.service.QueryService;
import io.sdataserver.service.ResourceService;
import java.util.Map;
import java.util.Set;

/** What the HTTP layer is built with, created once at start-up. */
public record Services(ServerConfig config, Map<String, Contract> contracts, Set<String> datasets, ResourceService resources,
                       QueryService queries, ChildService children,
                       AtomReader atomReader, Representations representations) {
    /** Reads the resources a payload embeds by reference, in the request's dataset. */
    public PayloadWriter.Resolver resolver(Dataset ds) { return (type, key) -> resources.find(ds, type, key); }
}
