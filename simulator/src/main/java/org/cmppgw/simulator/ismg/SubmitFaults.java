package org.cmppgw.simulator.ismg;

/**
 * What to do wrong with one SUBMIT's answer, decided by {@link ConnectionFaults}. The glue applies it in this order:
 * write garbage, then answer (after the delay) unless withheld, then close.
 *
 * @param sendGarbage         write {@link ConnectionFaults#garbage()} before the SUBMIT_RESP
 * @param responseDelayMillis answer this much later (0 = at once)
 * @param withholdResponse    never answer this SUBMIT
 * @param closeAfterResponse  close the connection once the answer (if any) is written
 */
public record SubmitFaults(boolean sendGarbage, long responseDelayMillis, boolean withholdResponse,
                           boolean closeAfterResponse) {
    /** The common case: answer at once, normally. */
    public static final SubmitFaults NONE = new SubmitFaults(false, 0, false, false);

    /** Fault kinds as counted by {@link IsmgMetrics#fault}. */
    public static final String GARBAGE = "garbage";
    public static final String DELAYED = "delayed";
    public static final String WITHHELD = "withheld";
    public static final String DROPPED = "dropped";

    public SubmitFaults {
        if (responseDelayMillis < 0) {
            throw new IllegalArgumentException("responseDelayMillis: " + responseDelayMillis + " (expected: >= 0)");
        }
    }

    public boolean isNone() {
        return !sendGarbage && responseDelayMillis == 0 && !withholdResponse && !closeAfterResponse;
    }
}
