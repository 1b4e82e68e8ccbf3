package org.cmppgw.cmpp.session;

import org.cmppgw.cmpp.pdu.CmppRequest;
import org.cmppgw.cmpp.pdu.CmppResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Records each request's outcomes by Sequence_Id, to prove exactly one callback per request. */
public final class RecordingResponseListener implements CmppResponseListener {
    public final Map<Integer, List<Object>> outcomes = new ConcurrentHashMap<>();
    private final CountDownLatch expected;

    public RecordingResponseListener(int expectedOutcomes) {
        this.expected = new CountDownLatch(expectedOutcomes);
    }

    @Override
    public void onResponse(CmppRequest request, CmppResponse response) {
        record(request.sequenceId(), response);
    }

    @Override
    public void onFailure(CmppRequest request, Throwable cause) {
        record(request.sequenceId(), cause);
    }

    private void record(int sequenceId, Object outcome) {
        outcomes.computeIfAbsent(sequenceId, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
            .add(outcome);
        expected.countDown();
    }

    public void await() throws InterruptedException {
        assertThat(expected.await(10, TimeUnit.SECONDS)).as("all outcomes within 10 s").isTrue();
    }

    /** The single outcome of {@code sequenceId}; fails when there were none or several. */
    public Object only(int sequenceId) {
        List<Object> list = outcomes.get(sequenceId);
        assertThat(list).as("outcomes of seq " + sequenceId).isNotNull().hasSize(1);
        return list.get(0);
    }

    public int total() {
        return outcomes.values().stream().mapToInt(List::size).sum();
    }
}
