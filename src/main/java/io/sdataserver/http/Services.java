package io.sdataserver.http;

import io.sdataserver.ServerConfig;
import io.sdataserver.atom.AtomReader;
import io.sdataserver.contract.Contract;
import io.sdataserver.pipeline.Dispatcher;
import java.util.Map;
import java.util.Set;

/** What the HTTP layer is built with, created once at start-up. */
public record Services(ServerConfig config, Map<String, Contract> contracts, Set<String> datasets, Dispatcher dispatcher,
                       AtomReader atomReader, AtomRepresentation representation) {
    OutcomeResponses responses() { return new OutcomeResponses(representation); }
}
