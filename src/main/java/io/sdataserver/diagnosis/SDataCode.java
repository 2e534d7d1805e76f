package io.sdataserver.diagnosis;

/** The sdataCode values of §3.10; anything without a specific code is ApplicationDiagnosis. */
public enum SDataCode {
    BadUrlSyntax, BadQueryParameter, ApplicationNotFound, ApplicationUnavailable, DatasetNotFound,
    DatasetUnavailable, ContractNotFound, ResourceKindNotFound, BadWhereSyntax, ApplicationDiagnosis
}
