package io.sdataserver.store;

/** A database failure the client cannot fix (answered 500). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) { super(message, cause); }
}
