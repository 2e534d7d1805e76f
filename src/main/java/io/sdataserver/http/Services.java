package io.sdataserver.http;

import io.sdataserver.ServerConfig;
import io.sdataserver.contract.Contract;
import io.sdataserver.pipeline.Dispatcher;
import java.util.Map;
import java.util.Set;

/** What the HTTP layer is built with, created once at start-up. */
public record Services(ServerConfig config, Map<String, Contract> contracts, Set<String> datasets, Dispatcher dispatcher,
                       Formats formats) {
    AtomRepresentation representation() { return formats.atom(); }

    OutcomeResponses responses() { return new OutcomeResponses(formats); }
}
