package io.sdataserver.atom;

import io.sdataserver.payload.PayloadSource;

/**
 * What the server needs from a request entry: its payload (null when it has none) and the SData http: elements
 * (batch and method-override clients send them). Everything else in the entry is ignored (§8.1: only the payload matters).
 */
public record RequestEntry(PayloadSource resource, String ifMatch, String httpMethod, String id) { }
