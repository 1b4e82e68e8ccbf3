package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.MsgFmt;
import org.cmppgw.cmpp.sms.Segmenter;
import org.cmppgw.cmpp.sms.SegmenterOptions;
import org.cmppgw.cmpp.sms.SubmitPart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Simulated users replying to an account (docs/cmpp-protocol.md §7.3, §10.3): MO CMPP_DELIVERs (Registered_Delivery 0)
 * at a configured rate, in UCS2, from a pool of user numbers to the account's access number plus an extension. Some are
 * unsubscribe replies ("TD"), some long messages split by protocol-cmpp's {@link Segmenter} into 67-character parts
 * behind a {@code 05 00 03 RR TT NN} UDH with TP_udhi = 1 (§9.3, §9.4); the reference counts up per long MO.
 *
 * <p>Driven by one periodic task: {@link #poll} emits every MO that has fallen due since the last call. Not
 * thread-safe; call it from one thread (an event loop).
 */
public final class MoGenerator {
    public static final String KIND_TEXT = "text";
    public static final String KIND_UNSUBSCRIBE = "unsubscribe";
    public static final String KIND_LONG = "long";
    /** After a stall, at most this much backlog is caught up, so a paused simulator does not burst. */
    private static final long MAX_BACKLOG_NANOS = 1_000_000_000L;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final int REFERENCE_MASK = 0xFF;

    private final MoConfig config;
    private final IsmgAccount account;
    private final RandomGenerator random;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final Segmenter segmenter;
    private boolean started;
    private long nextDueNanos;
    private int reference;

    /**
     * @param config    MO settings; {@link MoConfig#enabled()} must be true
     * @param account   the account that receives the MO (its service code, its Msg_Ids)
     * @param random    picks senders, extensions and texts
     * @param nanoClock monotonic time
     */
    public MoGenerator(MoConfig config, IsmgAccount account, RandomGenerator random, LongSupplier nanoClock) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("ismg.mo.ratePerSecond: 0 (expected: > 0 to generate MO)");
        }
        this.config = config;
        this.account = Objects.requireNonNull(account, "account");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.intervalNanos = Math.max(1, Math.round(NANOS_PER_SECOND / config.ratePerSecond()));
        this.segmenter = new Segmenter(SegmenterOptions.defaults().withReferences(this::nextReference));
    }

    public IsmgAccount account() {
        return account;
    }

    /** Emits the MOs due by now (the first one at the first call); returns how many. */
    public int poll(Consumer<SimulatedMo> sink) {
        long now = nanoClock.getAsLong();
        if (!started) {
            started = true;
            nextDueNanos = now;
        }
        if (now - nextDueNanos > MAX_BACKLOG_NANOS) {
            nextDueNanos = now - MAX_BACKLOG_NANOS;
        }
        int emitted = 0;
        while (nextDueNanos - now <= 0) {
            sink.accept(next());
            nextDueNanos += intervalNanos;
            emitted++;
        }
        return emitted;
    }

    /** One MO, chosen at random from the configured pools. */
    public SimulatedMo next() {
        String sender = pick(config.senders());
        String destId = account.config().serviceCode() + pick(config.extensions());
        boolean isLong = config.longShare() > 0 && random.nextDouble() < config.longShare();
        String text = pick(isLong ? config.longTexts() : config.texts());
        List<SubmitPart> split = segmenter.split(text, MsgFmt.UCS2);
        List<CmppDeliver> parts = new ArrayList<>(split.size());
        for (SubmitPart part : split) {
            parts.add(new CmppDeliver(0, account.msgIds().next(), destId, config.serviceId(), 0, part.tpUdhi(),
                part.msgFmt().code(), sender, 0, part.content(), ""));
        }
        return new SimulatedMo(kind(text, parts.size()), parts);
    }

    /** Drawn by the segmenter once per long MO, on this generator's thread. */
    private int nextReference() {
        int r = reference;
        reference = r + 1 & REFERENCE_MASK;
        return r;
    }

    private static String kind(String text, int parts) {
        if (parts > 1) {
            return KIND_LONG;
        }
        String t = text.trim();
        // "TD" (退订) is how Chinese users unsubscribe; "退订" itself is common too.
        return t.equalsIgnoreCase("TD") || t.equals("退订") ? KIND_UNSUBSCRIBE : KIND_TEXT;
    }

    private String pick(List<String> pool) {
        return pool.size() == 1 ? pool.get(0) : pool.get(random.nextInt(pool.size()));
    }
}
