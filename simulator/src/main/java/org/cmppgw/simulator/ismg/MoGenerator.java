package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgFmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Simulated users replying to an account (cmpp-spec.md §7.3, §10.3): MO CMPP_DELIVERs (Registered_Delivery 0) at a
 * configured rate, in UCS2, from a pool of user numbers to the account's access number plus an extension. Some are
 * unsubscribe replies ("TD"), some long messages split into parts with a concatenation UDH and TP_udhi = 1 (§9.3).
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
    private static final int UDHI = 1;

    private final MoConfig config;
    private final IsmgAccount account;
    private final RandomGenerator random;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
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
    }

    public IsmgAccount account() {
        return account;
    }

    /** Emits the MOs due by now (the first one at the first call); returns how many. */
    public int poll(Consumer<MoMessage> sink) {
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
    public MoMessage next() {
        String sender = pick(config.senders());
        String destId = account.config().serviceCode() + pick(config.extensions());
        boolean isLong = config.longShare() > 0 && random.nextDouble() < config.longShare();
        String text = pick(isLong ? config.longTexts() : config.texts());
        List<MsgContent> contents = ConcatUdh.ucs2Parts(text, reference);
        reference = reference + 1 & 0xFF;
        int udhi = contents.size() > 1 ? UDHI : 0;
        List<CmppDeliver> parts = new ArrayList<>(contents.size());
        for (MsgContent content : contents) {
            parts.add(new CmppDeliver(0, account.msgIds().next(), destId, config.serviceId(), 0, udhi,
                MsgFmt.UCS2.code(), sender, 0, content, ""));
        }
        return new MoMessage(kind(text, parts.size()), parts);
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
