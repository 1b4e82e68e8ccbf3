package org.cmppgw.gateway.persistence;

/**
 * The store's write queue is full: the write was refused at once and nothing was stored. The API answers 503
 * (JSMS 50019) and the caller may retry later. Carries no stack trace: it is an expected answer under load.
 */
public final class StoreOverloadedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreOverloadedException(String message) {
        super(message, null, false, false);
    }
}
