package io.sdataserver.contract;

/** A contract that cannot be loaded or served; the message names the cause. */
public class ContractException extends RuntimeException {
    public ContractException(String message) { super(message); }
    public ContractException(String message, Throwable cause) { super(message, cause); }
}
