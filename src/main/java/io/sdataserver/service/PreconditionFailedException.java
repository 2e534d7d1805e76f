package io.sdataserver.service;

import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.ResourceState;

/** A stale If-Match (CONC-8, CONC-11): answered 412 with the current entry and its ETag, not with diagnoses. */
public class PreconditionFailedException extends RuntimeException {
    private final Dataset dataset;
    private final ResourceKind kind;
    private final ResourceState current;

    public PreconditionFailedException(Dataset dataset, ResourceKind kind, ResourceState current) {
        super("the resource was changed since the ETag sent in If-Match");
        this.dataset = dataset;
        this.kind = kind;
        this.current = current;
    }

    public Dataset dataset() { return dataset; }
    public ResourceKind kind() { return kind; }
    public ResourceState current() { return current; }
}
