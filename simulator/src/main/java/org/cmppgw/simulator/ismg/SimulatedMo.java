package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppDeliver;

import java.util.List;
import java.util.Objects;

/**
 * An MO the fake carrier will send: one simulated user message as the CMPP_DELIVERs that carry it (one, or one per
 * part of a long MO), each numbered 0; the glue sends each with {@code part.withSequenceId(seq)}.
 *
 * @param kind  {@link MoGenerator#KIND_TEXT}, {@link MoGenerator#KIND_UNSUBSCRIBE} or {@link MoGenerator#KIND_LONG}
 * @param parts the DELIVERs, in part order
 */
public record SimulatedMo(String kind, List<CmppDeliver> parts) {
    public SimulatedMo {
        Objects.requireNonNull(kind, "kind");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("parts: [] (expected: at least one DELIVER)");
        }
    }
}
