package org.cmppgw.cmpp.sms;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.codec.CmppDecoder;
import org.cmppgw.cmpp.pdu.CmppDeliver;
import org.cmppgw.cmpp.pdu.MsgContent;
import org.cmppgw.cmpp.pdu.MsgId;
import org.cmppgw.cmpp.pdu.StatusReport;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReassemblerTest {
    private static final String USER = "13800138000";
    private static final String SP = "10690000011234";
    private static final Charset GBK = Charset.forName("GBK");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-21T14:52:00Z"));
    private final Reassembler reassembler = new Reassembler(ReassemblerOptions.defaults(), clock);

    @Test
    void aSingleDeliverPassesStraightThrough() {
        var vector = Vectors.vector("deliver_v30_mo_ucs2");
        ByteBuf frame = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(vector.get("hex").asText()));
        CmppDeliver deliver;
        try {
            deliver = (CmppDeliver) CmppDecoder.decodeFrame(frame, CmppVersion.V30);
        } finally {
            frame.release();
        }

        List<ReassembledMo> out = reassembler.accept(deliver);

        assertThat(out).containsExactly(new ReassembledMo(USER, SP, "LK20251121225200001",
            new SmsContent.Text("收到，谢谢 TD"), 1, 1, List.of(8)));
        assertThat(out.get(0).complete()).isTrue();
        assertThat(reassembler.pendingMessages()).isZero();
    }

    @Test
    void aUdhWithoutConcatenationOrWithTotalOneIsASingleMessage() {
        assertThat(reassembler.accept(mo(USER, 8, 1, content("0500035a0101", ucs2("一条")))))
            .singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("一条"));
        assertThat(reassembler.accept(mo(USER, 8, 1, content("0470020102", ucs2("其他")))))
            .singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("其他"));
    }

    @Test
    void partsOutOfOrderAreJoinedInOrderOnTheLastArrival() {
        assertThat(reassembler.accept(part(7, 3, 3, ucs2("三")))).isEmpty();
        assertThat(reassembler.accept(part(7, 3, 1, ucs2("一")))).isEmpty();
        assertThat(reassembler.pendingMessages()).isEqualTo(1);
        assertThat(reassembler.pendingBytes()).isEqualTo(4);

        List<ReassembledMo> out = reassembler.accept(part(7, 3, 2, ucs2("二")));

        assertThat(out).containsExactly(new ReassembledMo(USER, SP, "", new SmsContent.Text("一二三"), 3, 3,
            List.of(8, 8, 8)));
        assertThat(reassembler.pendingMessages()).isZero();
        assertThat(reassembler.pendingBytes()).isZero();
    }

    @Test
    void duplicatesAreIgnoredBeforeAndAfterCompletion() {
        assertThat(reassembler.accept(part(9, 2, 1, ucs2("前")))).isEmpty();
        assertThat(reassembler.accept(part(9, 2, 1, ucs2("重")))).isEmpty();
        assertThat(reassembler.pendingBytes()).isEqualTo(2);
        assertThat(reassembler.accept(part(9, 2, 2, ucs2("后")))).singleElement()
            .satisfies(m -> assertThat(m.text()).isEqualTo("前后"));

        // The ISMG resends a part whose DELIVER_RESP it missed: no phantom incomplete message.
        assertThat(reassembler.accept(part(9, 2, 2, ucs2("后")))).isEmpty();
        assertThat(reassembler.pendingMessages()).isZero();
        clock.advance(Duration.ofMinutes(6));
        assertThat(reassembler.expire()).isEmpty();

        // One timeout later the key is free again for a new message that reuses the reference.
        assertThat(reassembler.accept(part(9, 2, 1, ucs2("新")))).isEmpty();
        assertThat(reassembler.pendingMessages()).isEqualTo(1);
    }

    @Test
    void eachPartIsDecodedWithItsOwnMsgFmt() {
        reassembler.accept(mo(USER, 8, 1, content("0500032a0301", ucs2("中文"))));
        reassembler.accept(mo(USER, 15, 1, content("0500032a0302", "，国标".getBytes(GBK))));
        List<ReassembledMo> out = reassembler.accept(mo(USER, 0, 1, content("0500032a0303",
            " and ASCII".getBytes(StandardCharsets.US_ASCII))));

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("中文，国标 and ASCII");
            assertThat(m.msgFmts()).containsExactly(8, 15, 0);
        });
    }

    @Test
    void aCharacterTheSenderSplitAcrossPartsSurvives() {
        byte[] emoji = ucs2("\uD83D\uDE00");
        reassembler.accept(part(1, 2, 1, concat(ucs2("笑"), new byte[] {emoji[0], emoji[1]})));
        List<ReassembledMo> out = reassembler.accept(part(1, 2, 2, new byte[] {emoji[2], emoji[3]}));
        assertThat(out.get(0).text()).isEqualTo("笑\uD83D\uDE00");

        byte[] gb = "中文".getBytes(GBK);
        reassembler.accept(mo(USER, 15, 1, content("0500030b0201", new byte[] {gb[0], gb[1], gb[2]})));
        out = reassembler.accept(mo(USER, 15, 1, content("0500030b0202", new byte[] {gb[3]})));
        assertThat(out.get(0).text()).isEqualTo("中文");
    }

    @Test
    void binaryPartsAreDeliveredAsBinary() {
        // WAP push: port element and concatenation in one UDH, Msg_Fmt 4.
        reassembler.accept(mo(USER, 4, 1, content("0b05040b8423f000033c0202", new byte[] {3, 4})));
        List<ReassembledMo> out = reassembler.accept(mo(USER, 4, 1, content("0b05040b8423f000033c0201",
            new byte[] {1, 2})));

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.isBinary()).isTrue();
            assertThat(m.content()).isEqualTo(new SmsContent.Binary(Bytes.ofHex("01020304")));
            assertThatThrownBy(m::text).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void aPortAddressedSinglePartIsBinaryEvenAsMsgFmt0() {
        assertThat(reassembler.accept(mo(USER, 0, 1, content("0605040b8423f0", new byte[] {'h', 'i'}))))
            .singleElement().satisfies(m -> assertThat(m.content())
                .isEqualTo(new SmsContent.Binary(Bytes.ofHex("6869"))));
    }

    @Test
    void sixteenBitReferencesAndTpUdhi0x40() {
        reassembler.accept(mo(USER, 8, 0x40, content("06080412340202", ucs2("乙"))));
        List<ReassembledMo> out = reassembler.accept(mo(USER, 8, 0x40, content("06080412340201", ucs2("甲"))));
        assertThat(out).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("甲乙"));
    }

    @Test
    void partsOfDifferentSendersOrNumbersAreKeptApart() {
        reassembler.accept(mo("13900000001", 8, 1, content("050003010201", ucs2("A"))));
        reassembler.accept(mo(USER, 8, 1, content("050003010201", ucs2("B"))));
        reassembler.accept(new CmppDeliver(0, MsgId.ZERO, "10690000019999", "", 0, 1, 8, USER, 0,
            content("050003010201", ucs2("C")), ""));
        assertThat(reassembler.pendingMessages()).isEqualTo(3);

        assertThat(reassembler.accept(mo(USER, 8, 1, content("050003010202", ucs2("b")))))
            .singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("Bb"));
    }

    @Test
    void theLinkIdOfThePartsIsKept() {
        reassembler.accept(new CmppDeliver(0, MsgId.ZERO, SP, "", 0, 1, 8, USER, 0,
            content("050003040202", ucs2("b")), "LINK-2"));
        List<ReassembledMo> out = reassembler.accept(mo(USER, 8, 1, content("050003040201", ucs2("a"))));
        assertThat(out.get(0).linkId()).isEqualTo("LINK-2");
    }

    @Test
    void afterTheTimeoutWhatArrivedIsDeliveredIncomplete() {
        reassembler.accept(part(5, 3, 1, ucs2("一")));
        reassembler.accept(part(5, 3, 3, ucs2("三")));

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(reassembler.expire()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        List<ReassembledMo> out = reassembler.expire();

        assertThat(out).containsExactly(new ReassembledMo(USER, SP, "", new SmsContent.Text("一三"), 2, 3,
            List.of(8, 8)));
        assertThat(out.get(0).complete()).isFalse();
        assertThat(reassembler.pendingMessages()).isZero();
        assertThat(reassembler.pendingBytes()).isZero();
        assertThat(reassembler.expire()).isEmpty();
    }

    @Test
    void theTimeoutRunsFromTheFirstPartAndExpiresOnlyOldMessages() {
        reassembler.accept(part(1, 2, 1, ucs2("旧")));
        clock.advance(Duration.ofMinutes(3));
        reassembler.accept(part(2, 2, 1, ucs2("新")));
        reassembler.accept(part(1, 2, 1, ucs2("旧"))); // a duplicate does not extend the deadline
        clock.advance(Duration.ofMinutes(2));

        assertThat(reassembler.expire()).extracting(ReassembledMo::text).containsExactly("旧");
        assertThat(reassembler.pendingMessages()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(3));
        assertThat(reassembler.expire()).extracting(ReassembledMo::text).containsExactly("新");
    }

    @Test
    void tooManyPendingMessagesEvictTheOldestAsIncomplete() {
        Reassembler bounded = new Reassembler(new ReassemblerOptions(Duration.ofMinutes(5), 2,
            ReassemblerOptions.MIN_PENDING_BYTES), clock);
        assertThat(bounded.accept(part(1, 2, 1, ucs2("一")))).isEmpty();
        assertThat(bounded.accept(part(2, 2, 1, ucs2("二")))).isEmpty();

        List<ReassembledMo> out = bounded.accept(part(3, 2, 1, ucs2("三")));

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("一");
            assertThat(m.complete()).isFalse();
        });
        assertThat(bounded.pendingMessages()).isEqualTo(2);
    }

    @Test
    void tooManyPendingBytesEvictTheOldestAsIncomplete() {
        long maxBytes = ReassemblerOptions.MIN_PENDING_BYTES;
        Reassembler bounded = new Reassembler(new ReassemblerOptions(Duration.ofMinutes(5), 10_000, maxBytes),
            clock);
        byte[] big = new byte[249]; // 255 - 6 bytes of UDH: the largest payload a part can carry
        List<ReassembledMo> evicted = new ArrayList<>();
        // A hostile peer opens 1000 messages of 255 parts and never finishes one.
        for (int ref = 0; ref < 1000; ref++) {
            for (int number = 1; number < 255; number += 50) {
                evicted.addAll(bounded.accept(mo(USER, 4, 1, content(concatHeader(ref & 0xFF, 255, number), big))));
                assertThat(bounded.pendingBytes()).isLessThanOrEqualTo(maxBytes);
            }
        }
        assertThat(evicted).isNotEmpty().allMatch(m -> !m.complete() && m.isBinary());
        assertThat(bounded.pendingMessages()).isLessThanOrEqualTo((int) (maxBytes / (6 * 249)) + 1);
    }

    @Test
    void partsArrivingConcurrentlyOnManyThreadsCompleteEachMessageExactlyOnce() throws Exception {
        int messages = 300;
        int total = 5;
        List<CmppDeliver> parts = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            String sender = "138" + (10_000_000 + m);
            for (int n = 1; n <= total; n++) {
                CmppDeliver part = mo(sender, 8, 1, content(concatHeader(m & 0xFF, total, n), ucs2("" + n)));
                parts.add(part);
                parts.add(part); // every part twice, as after a lost DELIVER_RESP
            }
        }
        Collections.shuffle(parts, new Random(7));
        Queue<ReassembledMo> out = new ConcurrentLinkedQueue<>();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                int offset = t;
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = offset; i < parts.size(); i += threads) {
                        out.addAll(reassembler.accept(parts.get(i)));
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(out).hasSize(messages).allMatch(m -> m.complete() && m.text().equals("12345"));
        assertThat(out).extracting(ReassembledMo::srcTerminalId).doesNotHaveDuplicates();
        assertThat(reassembler.pendingMessages()).isZero();
    }

    @Test
    void rejectsReportsAndInvalidHeaders() {
        StatusReport report = new StatusReport(MsgId.ZERO, "DELIVRD", "", "", USER, 0);
        assertThatThrownBy(() -> reassembler.accept(CmppDeliver.report(1, MsgId.ZERO, SP, "", report)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("deliver: status report");
        assertThatThrownBy(() -> reassembler.accept(mo(USER, 8, 1, MsgContent.ofHex("0500030a0300"))))
            .isInstanceOf(UdhException.class);
        assertThatThrownBy(() -> reassembler.accept(mo(USER, 8, 1, MsgContent.EMPTY)))
            .isInstanceOf(UdhException.class);
        assertThat(reassembler.pendingMessages()).isZero();
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new ReassemblerOptions(Duration.ZERO, 1, ReassemblerOptions.MIN_PENDING_BYTES))
            .hasMessage("timeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> new ReassemblerOptions(Duration.ofSeconds(1), 0, ReassemblerOptions.MIN_PENDING_BYTES))
            .hasMessage("maxPendingMessages: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new ReassemblerOptions(Duration.ofSeconds(1), 1, 1000))
            .hasMessage("maxPendingBytes: 1000 (expected: >= 65025)");
    }

    /** An MO DELIVER from {@code src} to {@link #SP}. */
    static CmppDeliver mo(String src, int msgFmt, int tpUdhi, MsgContent content) {
        return new CmppDeliver(0, MsgId.ZERO, SP, "", 0, tpUdhi, msgFmt, src, 0, content, "");
    }

    /** A UCS2 part from {@link #USER} with an 8-bit reference. */
    private static CmppDeliver part(int reference, int total, int number, byte[] payload) {
        return mo(USER, 8, 1, content(concatHeader(reference, total, number), payload));
    }

    private static String concatHeader(int reference, int total, int number) {
        return HexFormat.of().formatHex(Udh.concatHeader(ReferenceWidth.EIGHT_BIT, reference, total, number));
    }

    private static MsgContent content(String udhHex, byte[] payload) {
        return MsgContent.of(concat(HexFormat.of().parseHex(udhHex), payload));
    }

    private static byte[] ucs2(String text) {
        return text.getBytes(StandardCharsets.UTF_16BE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
