package io.sdataserver.service;

import io.sdataserver.contract.Contract;

/** One dataset of one contract: the scope every resource operation runs in (data of datasets never mix). */
public record Dataset(String application, Contract contract, String name) {
    /** The dataset as stored: "-" is the default dataset. */
    public String storageName() { return name; }
}
