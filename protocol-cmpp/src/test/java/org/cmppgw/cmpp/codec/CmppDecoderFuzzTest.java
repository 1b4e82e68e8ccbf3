package org.cmppgw.cmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.CommandId;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random input (docs/design.md §9: hostile input gives a clean error, never an exception storm or a huge
 * buffer). The only outcomes allowed are PDUs, in-band {@link CmppCodecException}s and, for broken framing, a
 * {@link TooLongFrameException} or {@link CorruptedFrameException}; never another exception type, never a leak.
 * Every PDU the decoder accepts must also re-encode (or be refused with an {@link EncoderException}) and decode again
 * to an equal PDU. A failure prints the seed and iteration so it can be replayed.
 */
class CmppDecoderFuzzTest {
    private static final long SEED = 0x434D5050L;
    private static final int FRAMES_PER_VERSION = 10_000;
    private static final int UNKNOWN_COMMANDS = 3;
    private static final int[] COMMANDS = commandCodes();

    private final Frames frames = new Frames();

    @AfterEach
    void nothingLeaked() {
        frames.assertAllReleased();
    }

    @Test
    void randomBodiesInValidFramesGiveOnePduOrOneInBandErrorEach() {
        for (CmppVersion version : CmppVersion.values()) {
            Random random = new Random(SEED + version.ordinal());
            List<byte[]> seeds = GoldenHex.all().stream().map(GoldenHex::bytes).toList();
            EmbeddedChannel channel = frames.decoderChannel(version);
            int pdus = 0;
            int errors = 0;
            for (int i = 0; i < FRAMES_PER_VERSION;) {
                List<byte[]> batch = new ArrayList<>();
                int batchSize = 1 + random.nextInt(40);
                for (int j = 0; j < batchSize; j++) {
                    batch.add(random.nextBoolean() ? randomFrame(random) : mutated(random, seeds));
                }
                feedInRandomChunks(channel, Frames.concat(batch), random, "seed " + SEED + " iteration " + i);
                List<Object> decoded = Frames.drainInbound(channel);
                assertThat(decoded).as("one message per frame at iteration %d", i).hasSize(batchSize);
                for (Object msg : decoded) {
                    if (msg instanceof CmppPdu pdu) {
                        pdus++;
                        assertReEncodes(pdu, version);
                    } else {
                        assertThat(msg).isInstanceOf(CmppCodecException.class);
                        errors++;
                    }
                }
                i += batchSize;
            }
            // the generator must reach both outcomes often, or it tests nothing
            assertThat(pdus).as("PDUs on %s", version).isGreaterThan(FRAMES_PER_VERSION / 20);
            assertThat(errors).as("in-band errors on %s", version).isGreaterThan(FRAMES_PER_VERSION / 4);
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void fullyRandomStreamsEndInPdusInBandErrorsOrOneFramingError() {
        Random random = new Random(SEED);
        int framingErrors = 0;
        for (int stream = 0; stream < 2_000; stream++) {
            EmbeddedChannel channel = frames.decoderChannel(random.nextBoolean() ? CmppVersion.V20 : CmppVersion.V30);
            byte[] bytes = new byte[random.nextInt(2_048)];
            random.nextBytes(bytes);
            if (stream % 2 == 0 && bytes.length >= 4) {
                // half the streams start with a plausible length, so framing gets past the first header
                Frames.putInt(bytes, 0, 12 + random.nextInt(Math.max(1, bytes.length - 12)));
            }
            try {
                feedInRandomChunks(channel, bytes, random, "stream " + stream);
            } catch (TooLongFrameException | CorruptedFrameException expected) {
                framingErrors++;
            }
            for (Object msg : Frames.drainInbound(channel)) {
                assertThat(msg).isInstanceOfAny(CmppPdu.class, CmppCodecException.class);
            }
            assertThat(channel.finish()).as("stream %d", stream).isFalse();
        }
        assertThat(framingErrors).isGreaterThan(100);
    }

    /** Writes {@code bytes} in chunks; any exception but a framing error fails the test, naming {@code where}. */
    private void feedInRandomChunks(EmbeddedChannel channel, byte[] bytes, Random random, String where) {
        for (int at = 0; at < bytes.length;) {
            int length = Math.min(bytes.length - at, 1 + random.nextInt(512));
            byte[] chunk = new byte[length];
            System.arraycopy(bytes, at, chunk, 0, length);
            at += length;
            try {
                channel.writeInbound(frames.buffer(chunk));
            } catch (TooLongFrameException | CorruptedFrameException framing) {
                throw framing;
            } catch (DecoderException e) {
                fail(where + " - decoder threw " + e + " (expected: in-band CmppCodecException)", e);
            }
        }
    }

    /** A frame with a correct Total_Length, a random (mostly known) Command_Id and a random body. */
    private static byte[] randomFrame(Random random) {
        int command = COMMANDS[random.nextInt(COMMANDS.length)];
        byte[] body = new byte[random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(200)];
        random.nextBytes(body);
        return Frames.frameBytes(command, random.nextInt(), body);
    }

    /** A golden PDU with a few bytes of its body changed, its length field kept: reaches deep into body codecs. */
    private static byte[] mutated(Random random, List<byte[]> seeds) {
        byte[] frame = seeds.get(random.nextInt(seeds.size())).clone();
        if (frame.length == CmppDecoder.HEADER_LENGTH) {
            return frame;
        }
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            int at = CmppDecoder.HEADER_LENGTH + random.nextInt(frame.length - CmppDecoder.HEADER_LENGTH);
            frame[at] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : frame[at] + random.nextInt(5) - 2);
        }
        return frame;
    }

    private void assertReEncodes(CmppPdu pdu, CmppVersion version) {
        ByteBuf encoded;
        try {
            encoded = CmppEncoder.of(version).encode(frames.alloc(), pdu);
        } catch (EncoderException refused) {
            // e.g. a 4-byte Result above 255 cannot travel on a 2.0 link: refused, never written half
            return;
        }
        try {
            assertThat(encoded.readableBytes()).isEqualTo(encoded.getInt(0));
            assertThat(CmppDecoder.decodeFrame(encoded, version)).as("re-decoded %s", pdu).isEqualTo(pdu);
        } finally {
            encoded.release();
        }
    }

    private static int[] commandCodes() {
        CommandId[] known = CommandId.values();
        int[] codes = new int[known.length + UNKNOWN_COMMANDS];
        for (int i = 0; i < known.length; i++) {
            codes[i] = known[i].code();
        }
        codes[known.length] = 0x00000009;
        codes[known.length + 1] = 0x80000017;
        codes[known.length + 2] = 0x12345678;
        return codes;
    }
}
