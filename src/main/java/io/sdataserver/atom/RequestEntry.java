package io.sdataserver.atom;

import io.sdataserver.payload.PayloadElement;

/**
 * What the server needs from a request entry: the resource element of its payload and the SData http: elements
 * (batch and method-override clients send them). Everything else in the entry is ignored (§8.1: only the payload matters).
 */
public record RequestEntry(PayloadElement resource, String ifMatch, String httpMethod, String id) { }
