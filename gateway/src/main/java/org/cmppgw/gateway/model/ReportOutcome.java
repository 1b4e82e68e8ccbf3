package org.cmppgw.gateway.model;

/** What recording one {@link CarrierReport} did; the caller counts these (e.g. unmatched DRs). */
public enum ReportOutcome {
    /** Matched, and it ended the message's life (delivered or failed). */
    FINAL,
    /** Matched one part of a long message whose other parts are still awaited. */
    PART,
    /** Matched a part or message that already had its final report; nothing changed. */
    DUPLICATE,
    /** No submit with this Msg_Id is known yet: parked, matched when its SUBMIT_RESP is recorded. */
    PARKED,
    /**
     * Its Msg_Id matched a submit, but its Dest_terminal_Id is another handset than that message's: kept aside in
     * mismatched_report, not applied (docs/cmpp-protocol.md §10.2).
     */
    MISMATCHED,
    /** An intermediate Stat (ACCEPTD): not final, ignored (docs/cmpp-protocol.md §10.1). */
    INTERIM
}
