package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.gateway.provider.OutboundSms;

/**
 * Parts that go out together on one session, one after the other: all parts of a message when it is first queued, or
 * a single part sent again after its session was lost. A carrier may reassemble a long message per connection
 * (docs/cmpp-protocol.md §9.5), so the parts of one message must not be spread over several sessions. Owned by one
 * thread at a time (the queue hands it over, then only its session's event loop touches it), so it needs no locks.
 */
final class PartRun {
    private final PartTask[] tasks;
    /** Every part of a message as first queued, rather than a part going again. */
    private final boolean whole;
    private int next;

    private PartRun(PartTask[] tasks, boolean whole) {
        this.tasks = tasks;
        this.whole = whole;
    }

    /** Every part of {@code sms}, in order. */
    static PartRun of(OutboundSms sms) {
        PartTask[] tasks = new PartTask[sms.partCount()];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = new PartTask(sms, i);
        }
        return new PartRun(tasks, true);
    }

    /** One part going again, away from the session it was first sent on. */
    static PartRun single(PartTask task) {
        return new PartRun(new PartTask[] {task}, false);
    }

    /** The message these parts belong to. */
    OutboundSms sms() {
        return tasks[0].sms;
    }

    /** The parts not taken yet. */
    int remaining() {
        return tasks.length - next;
    }

    /** Whether a part has been taken: the run has started on a session and must finish there. */
    boolean started() {
        return next > 0;
    }

    /** No part of this message has been sent yet: it is whole and none of it was taken. */
    boolean neverSent() {
        return whole && next == 0;
    }

    /** The next part; call only while {@link #remaining()} is positive. */
    PartTask take() {
        return tasks[next++];
    }

    @Override
    public String toString() {
        return "PartRun[msg=" + sms().msgId() + ", parts " + (tasks[0].index + 1) + ".."
            + (tasks[tasks.length - 1].index + 1) + ", next=" + next + "]";
    }
}
