package org.cmppgw.cmpp.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppPdu;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GoldenRoundTripTest {

    @TestFactory
    List<DynamicTest> everyVectorDecodesAndReEncodesByteForByte() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/golden/cmpp-vectors.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : root.get("vectors")) {
            String id = vector.get("id").asText();
            String hex = vector.get("hex").asText();
            String version = vector.get("version").asText();
            List<CmppVersion> versions = "both".equals(version)
                ? List.of(CmppVersion.V20, CmppVersion.V30) : List.of(CmppVersion.parse(version));
            for (CmppVersion v : versions) {
                tests.add(DynamicTest.dynamicTest(id + " on " + v.label(), () -> {
                    ByteBuf frame = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
                    Object decoded = CmppDecoder.decodeFrame(frame, v);
                    assertThat(decoded).isInstanceOf(CmppPdu.class);
                    ByteBuf out = CmppEncoder.of(v).encode(Unpooled.buffer().alloc(), (CmppPdu) decoded);
                    try {
                        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex);
                    } finally {
                        out.release();
                        frame.release();
                    }
                }));
            }
        }
        return tests;
    }
}
