package io.sdataserver.payload;


/**
 * What the server needs from a request entry: its payload (null when it has none), the name of the resource the
 * payload holds (a batch across kinds picks the kind of a create by it), and the SData http: elements batch clients
 * send. Everything else in the entry is ignored (§8.1: only the payload matters).
 */
public record RequestEntry(PayloadSource resource, String resourceName, String ifMatch, String httpMethod, String id) { }
