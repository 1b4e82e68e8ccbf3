package org.cmppgw.simulator.fakejsms;

import java.util.concurrent.atomic.LongAdder;

/** What the {@link FakeJsmsServer} did; updated on its event loop, readable from any thread. */
public final class FakeJsmsStats {
    final LongAdder accepted = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder duplicated = new LongAdder();
    final LongAdder badlySigned = new LongAdder();
    final LongAdder failedAttempts = new LongAdder();
    final LongAdder abandoned = new LongAdder();
    final LongAdder skipped = new LongAdder();

    /** Recipients given a msg_id. */
    public long accepted() {
        return accepted.sum();
    }

    /** Recipients and requests refused with a JSMS error. */
    public long rejected() {
        return rejected.sum();
    }

    /** Callback POSTs answered with 200. */
    public long delivered() {
        return delivered.sum();
    }

    /** Reports never sent, by the drop knob. */
    public long dropped() {
        return dropped.sum();
    }

    /** Reports sent a second time, by the duplicate knob. */
    public long duplicated() {
        return duplicated.sum();
    }

    /** Reports signed with a wrong secret, by the bad-signature knob. */
    public long badlySigned() {
        return badlySigned.sum();
    }

    /** Callback attempts answered with something other than 200, or not answered. */
    public long failedAttempts() {
        return failedAttempts.sum();
    }

    /** Callbacks given up after the last retry. */
    public long abandoned() {
        return abandoned.sum();
    }

    /** Accepted messages without any callback URL to report to. */
    public long skipped() {
        return skipped.sum();
    }
}
