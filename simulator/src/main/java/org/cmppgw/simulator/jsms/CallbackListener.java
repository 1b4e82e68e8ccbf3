package org.cmppgw.simulator.jsms;

/**
 * What a {@link CallbackEndpoint} does with the callbacks it receives. Called on the endpoint's event loop, one
 * callback at a time, before the HTTP answer is written: whatever a method records is done by the time the sender
 * sees the answer.
 */
public interface CallbackListener {
    /**
     * A correctly signed callback.
     *
     * @return {@code true} to acknowledge it with 200; {@code false} when its data is unusable, answered with 400
     *         (which the sender retries)
     */
    boolean onCallback(JsmsCallback callback);

    /** A callback whose signature does not match the app's key and secret; it is answered with 401. */
    void onBadSignature(JsmsCallback callback);

    /**
     * A POST that is not a callback form; it is answered with 400.
     *
     * @param problem what is wrong, e.g. {@code missing field nonce}
     * @param body    the request body as received (UTF-8)
     */
    void onMalformed(String problem, String body);
}
