package org.cmppgw.gateway.persistence;

/** A store operation failed in the database (or the store is closed); its effects were rolled back. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
