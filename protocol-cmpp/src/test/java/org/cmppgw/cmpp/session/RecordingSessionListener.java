package org.cmppgw.cmpp.session;

import org.cmppgw.cmpp.pdu.CmppCancel;
import org.cmppgw.cmpp.pdu.CmppCancelResp;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.CmppDeliverResp;
import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;
import org.cmppgw.cmpp.pdu.CmppSubmit;
import org.cmppgw.cmpp.pdu.CmppSubmitResp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records every session callback (thread-safe, for socket tests too). With {@code autoRespond} it answers SUBMIT with
 * SUBMIT_RESP Result 0 (Msg_Id = 0x100 + seq), DELIVER with DELIVER_RESP 0 and CANCEL with Success_Id 0.
 */
public final class RecordingSessionListener implements CmppSessionListener {
    public final List<CmppSession> active = Collections.synchronizedList(new ArrayList<>());
    public final List<CmppRequest> requests = Collections.synchronizedList(new ArrayList<>());
    public final List<Throwable> closeCauses = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger windowAvailable = new AtomicInteger();
    public final List<CmppResponse> unmatched = Collections.synchronizedList(new ArrayList<>());
    public final CountDownLatch activeLatch = new CountDownLatch(1);
    public final CountDownLatch closedLatch = new CountDownLatch(1);
    private final boolean autoRespond;

    public RecordingSessionListener(boolean autoRespond) {
        this.autoRespond = autoRespond;
    }

    @Override
    public void sessionActive(CmppSession session) {
        active.add(session);
        activeLatch.countDown();
    }

    @Override
    public void requestReceived(CmppSession session, CmppRequest request) {
        requests.add(request);
        if (!autoRespond) {
            return;
        }
        if (request instanceof CmppSubmit submit) {
            session.respond(new CmppSubmitResp(submit.sequenceId(),
                new org.cmppgw.cmpp.pdu.MsgId(0x100L + submit.sequenceId()), 0));
        } else if (request instanceof CmppDeliver deliver) {
            session.respond(new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(), 0));
        } else if (request instanceof CmppCancel cancel) {
            session.respond(new CmppCancelResp(cancel.sequenceId(), 0));
        }
    }

    @Override
    public void windowAvailable(CmppSession session) {
        windowAvailable.incrementAndGet();
    }

    @Override
    public void responseUnmatched(CmppSession session, CmppResponse response) {
        unmatched.add(response);
    }

    @Override
    public void sessionClosed(CmppSession session, Throwable causeOrNull) {
        closeCauses.add(causeOrNull);
        closedLatch.countDown();
    }

    public void awaitActive() throws InterruptedException {
        assertThat(activeLatch.await(10, TimeUnit.SECONDS)).as("sessionActive within 10 s").isTrue();
    }

    public void awaitClosed() throws InterruptedException {
        assertThat(closedLatch.await(10, TimeUnit.SECONDS)).as("sessionClosed within 10 s").isTrue();
    }

    /** sessionClosed was called exactly once; returns its cause. */
    public Throwable closedOnce() {
        assertThat(closeCauses).as("sessionClosed calls").hasSize(1);
        return closeCauses.get(0);
    }
}
