package org.cmppgw.gateway.provider.cmpp;

import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;
import org.cmppgw.cmpp.session.CmppProtocolException;
import org.cmppgw.cmpp.session.CmppResponseListener;
import org.cmppgw.gateway.provider.OutboundSms;

import java.util.function.IntFunction;

/**
 * One part of a message in a provider's queues and in a session's window. It is its own request factory and its own
 * response listener for {@link org.cmppgw.cmpp.session.CmppSession#trySend}, so a submit costs no extra objects.
 * At most one session holds it at a time (the queues hand it over), so its mutable fields need no locks: the queue
 * or the event-loop task that moves it publishes them.
 */
final class PartTask implements IntFunction<CmppSubmit>, CmppResponseListener {
    final OutboundSms sms;
    /** 0-based: Pk_number − 1. */
    final int index;
    /** Sends answered with Result 8 so far (docs/cmpp-protocol.md §11.2). */
    int flowControlTries;
    /** Sent again once already after an unknown outcome (timeout, lost connection): the next unknown fails it. */
    boolean resubmitted;
    /** When its session ended before it had an outcome ({@link LostParts}); nano time. */
    long lostAtNanos;
    /** When it was last handed to a session to send ({@link SessionLife}); nano time. */
    long sentAtNanos;
    /** The session it is being sent on. */
    SessionPump pump;
    /** The outcome, set before it goes to the {@link OutcomeRecorder}. */
    long carrierMsgId;
    int result;

    PartTask(OutboundSms sms, int index) {
        this.sms = sms;
        this.index = index;
    }

    @Override
    public CmppSubmit apply(int sequenceId) {
        return pump.mapper().submit(sequenceId, sms, index);
    }

    @Override
    public void onResponse(CmppRequest request, CmppResponse response) {
        if (response instanceof CmppSubmitResp resp) {
            pump.onSubmitResp(this, resp);
        } else {
            // The session pairs commands itself; this cannot happen, but it must not leave the part in limbo.
            pump.onSubmitFailure(this, new CmppProtocolException(response.commandId() + " answers a SUBMIT"));
        }
    }

    @Override
    public void onFailure(CmppRequest request, Throwable cause) {
        pump.onSubmitFailure(this, cause);
    }

    @Override
    public String toString() {
        return "PartTask[msg=" + sms.msgId() + ", part=" + (index + 1) + "/" + sms.partCount() + "]";
    }
}
