package org.cmppgw.gateway.provider.cmpp;

/**
 * Since when one session is known to have a live carrier behind it, for {@link LostParts}: its login, or the send
 * time of the latest SUBMIT the carrier answered. Not the time an answer arrived: when a carrier's ISMG dies, answers
 * it wrote just before may still be read from a connection after another connection's end was noticed, and such an
 * answer proves nothing about the carrier after that end (a part sent again on the strength of one went to a dead
 * connection and ended as unknown: interop's GatewayToSmsGateIT, a carrier killed mid-run). A DELIVER proves nothing
 * either, for the same reason. Nano times; the session's event loop only.
 */
final class SessionLife {
    private long upSince;
    private long answeredSentAt;
    private boolean answered;

    /** The session logged in at {@code nanos}. */
    void up(long nanos) {
        upSince = nanos;
        answered = false;
    }

    /** The carrier answered a SUBMIT this session sent at {@code sentAtNanos}. */
    void answered(long sentAtNanos) {
        if (!answered || sentAtNanos - answeredSentAt > 0) {
            answeredSentAt = sentAtNanos;
            answered = true;
        }
    }

    /** The latest time the carrier is known to have been alive on this session. */
    long aliveSince() {
        return answered && answeredSentAt - upSince > 0 ? answeredSentAt : upSince;
    }
}
