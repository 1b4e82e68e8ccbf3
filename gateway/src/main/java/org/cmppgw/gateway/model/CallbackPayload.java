package org.cmppgw.gateway.model;

/**
 * The data of one customer callback (docs/api.md, "Callbacks"): a {@link FinalReport} is sent as {@code SMS_REPORT},
 * an {@link MoMessage} as {@code SMS_REPLY}, a {@link ReviewOutcome} as {@code SMS_TEMPLATE} or {@code SMS_SIGN}, an
 * {@link EmailReport} as {@code EMAIL_REPORT}, a {@link PolicyReport} as {@code POLICY_REPORT}, a {@link ClickEvent} as
 * {@code CLICK}.
 */
public sealed interface CallbackPayload permits EmailReport, FinalReport, MoMessage, PolicyReport,
        ReviewOutcome, ClickEvent {
    /** The callback's {@code type} field. */
    CallbackType type();

    /** The channel the callback reports on: its type's (docs/api.md, "Callbacks"). */
    default Channel channel() {
        return type().channel();
    }
}
