package org.cmppgw.gateway.intake;


/**
 * A value or the API error that stopped it: how admission steps report refusals without exceptions.
 *
 * @param value   the result, null on failure
 * @param error   the error, null on success
 * @param message the error body's message, null on success
 */
public record Outcome<T>(T value, ApiError error, String message) {
    public static <T> Outcome<T> ok(T value) {
        return new Outcome<>(value, null, null);
    }

    public static <T> Outcome<T> fail(ApiError error) {
        return new Outcome<>(null, error, error.message());
    }

    public static <T> Outcome<T> fail(ApiError error, String detail) {
        return new Outcome<>(null, error, error.message() + ": " + detail);
    }

    public boolean isOk() {
        return error == null;
    }

    /** The same failure, typed for another step. */
    public <U> Outcome<U> failure() {
        return new Outcome<>(null, error, message);
    }
}
