package org.cmppgw.simulator.ismg;

import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ISMG driven with bytes written by hand from docs/cmpp-protocol.md, through a plain {@link Socket}: no
 * protocol-cmpp code on the SP side, so the simulator and the library cannot agree on a shared mistake. The server's
 * clock stands at the spec's worked example, 21 Nov 22:50:30 Beijing time (§5.2, §17).
 */
class IsmgServerWireTest {
    private static final HexFormat HEX = HexFormat.of();
    /** 2025-11-21 22:50:30 in Beijing: the CONNECT Timestamp 1121225030 of §5.3 is exactly "now". */
    private static final Clock SPEC_CLOCK = Clock.fixed(Instant.parse("2025-11-21T14:50:30Z"), ZoneOffset.UTC);
    /** §17, CONNECT 3.0: "901234", secret "secret", Timestamp 1121225030. */
    private static final String CONNECT_HEX = "00000027" + "00000001" + "00000001" // length 39, CONNECT, seq 1
        + "393031323334"                                                        // Source_Addr "901234"
        + "ff90ac9be32cd5fe919779fcdc3b2c48"                                    // AuthenticatorSource
        + "30"                                                                  // Version 3.0
        + "42d48946";                                                           // Timestamp 1121225030
    /** §8.1 by hand: month 11, day 21, 22:50:30, gateway 79101, sequence 0 - the first id of that second. */
    private static final long FIRST_MSG_ID = 11L << 60 | 21L << 55 | 22L << 50 | 50L << 44 | 30L << 38 | 79101L << 16;

    @RegisterExtension
    final IsmgFixture fixture = new IsmgFixture();

    private Socket open() throws IOException {
        IsmgServer server = fixture.start(IsmgServer.builder(IsmgFixture.config(0)).clock(SPEC_CLOCK));
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) (SpClient.WAIT_SECONDS * 1000));
        return socket;
    }

    @Test
    void loginSubmitAndReportByteForByte() throws Exception {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            out.write(HEX.parseHex(CONNECT_HEX));
            // §6.2 in the 3.0 layout; AuthenticatorISMG = MD5(Status as 4 bytes ‖ AuthenticatorSource ‖ secret), §5.4.
            byte[] authIsmg = md5(HEX.parseHex("00000000" + "ff90ac9be32cd5fe919779fcdc3b2c48"), ascii("secret"));
            // The value of the §17 vector connect_resp_v30_ok.
            assertThat(HEX.formatHex(authIsmg)).isEqualTo("f424c28c8a84b37d50f53dee6b9aa1b1");
            assertThat(HEX.formatHex(readPdu(in))).isEqualTo("00000021" + "80000001" + "00000001" + "00000000"
                + HEX.formatHex(authIsmg) + "30");

            out.write(submit30(2));
            ByteBuffer resp = ByteBuffer.wrap(readPdu(in));
            assertThat(resp.getInt()).isEqualTo(24);                  // §2.1: SUBMIT_RESP 3.0 is 24 bytes
            assertThat(resp.getInt()).isEqualTo(0x80000004);
            assertThat(resp.getInt()).isEqualTo(2);                   // the SUBMIT's Sequence_Id
            long msgId = resp.getLong();
            assertThat(resp.getInt()).isZero();                       // Result 0, 4 bytes on 3.0
            assertThat(Long.toHexString(msgId)).isEqualTo("badb278134fd0000");
            assertThat(msgId).isEqualTo(FIRST_MSG_ID);

            byte[] deliver = readPdu(in);
            int deliverSeq = ByteBuffer.wrap(deliver, 8, 4).getInt();
            long deliverMsgId = FIRST_MSG_ID + 1;                     // the ISMG's next id numbers the DELIVER itself
            assertThat(HEX.formatHex(deliver)).isEqualTo(HEX.formatHex(reportDeliver30(deliverSeq, deliverMsgId,
                msgId)));
            assertThat(ByteBuffer.wrap(deliver, 12 + 8 + 21 + 10 + 1 + 1 + 1 + 32 + 1 + 1 + 1, 8).getLong())
                .as("the report's Msg_Id (§7.4) is the SUBMIT_RESP's").isEqualTo(msgId);

            // §7.5: DELIVER_RESP echoes the DELIVER header's Msg_Id, Result 0 (4 bytes on 3.0).
            out.write(frame(0x80000005, deliverSeq, new Fields().u64(deliverMsgId).u32(0)));
            Await.until("the DELIVER_RESP counted",
                () -> fixture.server().traffic(SpClient.ACCOUNT).snapshot().reportsAcknowledged() == 1);

            // §6.3: TERMINATE is answered with TERMINATE_RESP, then the ISMG closes (§12.4).
            out.write(frame(0x00000002, 3, new Fields()));
            assertThat(HEX.formatHex(readPdu(in))).isEqualTo("0000000c" + "80000002" + "00000003");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aWrongAuthenticatorGetsStatus3AndAZeroAuthenticatorThenTheConnectionCloses() throws Exception {
        try (Socket socket = open()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            // §5.3 with the secret "wrong": MD5("901234" ‖ 9 × 0x00 ‖ "wrong" ‖ "1121225030").
            byte[] wrong = md5(ascii("901234"), new byte[9], ascii("wrong"), ascii("1121225030"));

            socket.getOutputStream().write(frame(0x00000001, 1, new Fields().octets("901234", 6).bytes(wrong).u8(0x30)
                .u32(1121225030)));

            assertThat(HEX.formatHex(readPdu(in))).isEqualTo("00000021" + "80000001" + "00000001"
                + "00000003"                                        // Status 3: authentication error (§11.1)
                + "00000000000000000000000000000000"                // AuthenticatorISMG left empty (§5.4)
                + "30");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /** §7.1, 3.0 layout, field by field: one UCS2 "你好" to 13800138000 with a report asked for. */
    private static byte[] submit30(int sequenceId) {
        Fields body = new Fields()
            .u64(0)                         // Msg_Id: the SP leaves it 0
            .u8(1).u8(1)                    // Pk_total, Pk_number
            .u8(1)                          // Registered_Delivery: report wanted
            .u8(0)                          // Msg_level
            .octets("TEST", 10)             // Service_Id
            .u8(2)                          // Fee_UserType: SP pays
            .octets("", 32)                 // Fee_terminal_Id (32 on 3.0)
            .u8(0)                          // Fee_terminal_type (3.0 only)
            .u8(0).u8(0)                    // TP_pId, TP_udhi
            .u8(8)                          // Msg_Fmt: UCS2
            .octets("901234", 6)            // Msg_src
            .octets("01", 2)                // FeeType: free
            .octets("000000", 6)            // FeeCode
            .octets("", 17).octets("", 17)  // ValId_Time, At_Time: ISMG default, now
            .octets("1069000001", 21)       // Src_Id
            .u8(1)                          // DestUsr_tl
            .octets("13800138000", 32)      // Dest_terminal_Id
            .u8(0)                          // Dest_terminal_type (3.0 only)
            .u8(4)                          // Msg_Length
            .bytes(HEX.parseHex("4f60597d"))  // Msg_Content "你好" in UTF-16BE
            .octets("", 20);                // LinkID (3.0)
        byte[] pdu = frame(0x00000004, sequenceId, body);
        assertThat(pdu).hasSize(163 + 32 + 4);  // §2.1: 163 + 32·n + L
        return pdu;
    }

    /** §7.3 + §7.4, 3.0 layout: the status report the ISMG should send for {@link #submit30}. */
    private static byte[] reportDeliver30(int sequenceId, long deliverMsgId, long submitMsgId) {
        Fields body = new Fields()
            .u64(deliverMsgId)              // Msg_Id of this DELIVER
            .octets("1069000001", 21)       // Dest_Id: the SUBMIT's Src_Id
            .octets("TEST", 10)             // Service_Id
            .u8(0).u8(0).u8(0)              // TP_pid, TP_udhi, Msg_Fmt
            .octets("13800138000", 32)      // Src_terminal_Id: the SUBMIT's destination
            .u8(0)                          // Src_terminal_type
            .u8(1)                          // Registered_Delivery: status report
            .u8(71)                         // Msg_Length: the 3.0 report
            .u64(submitMsgId)               //   Msg_Id from SUBMIT_RESP
            .octets("DELIVRD", 7)           //   Stat
            .octets("2511212250", 10)       //   Submit_time YYMMDDHHMM, Beijing time
            .octets("2511212250", 10)       //   Done_time (report delay 0)
            .octets("13800138000", 32)      //   Dest_terminal_Id
            .u32(deliverMsgId & 0xFFFFFFFFL)  // SMSC_sequence: the simulator's stand-in
            .octets("", 20);                // LinkID
        byte[] pdu = frame(0x00000005, sequenceId, body);
        assertThat(pdu).hasSize(109 + 71);  // §2.1: 109 + L
        return pdu;
    }

    private static byte[] frame(int commandId, int sequenceId, Fields body) {
        byte[] bytes = body.toByteArray();
        return new Fields().u32(12 + bytes.length).u32(commandId & 0xFFFFFFFFL).u32(sequenceId).bytes(bytes)
            .toByteArray();
    }

    /** One whole PDU, header included, read by its Total_Length (§3). */
    private static byte[] readPdu(DataInputStream in) throws IOException {
        int totalLength = in.readInt();
        assertThat(totalLength).isBetween(12, 4096);
        byte[] pdu = new byte[totalLength];
        ByteBuffer.wrap(pdu).putInt(totalLength);
        in.readFully(pdu, 4, totalLength - 4);
        return pdu;
    }

    private static byte[] md5(byte[]... parts) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (byte[] part : parts) {
            md5.update(part);
        }
        return md5.digest();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Big-endian unsigned integers and NUL-padded octet strings (§2). */
    private static final class Fields {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Fields u8(int value) {
            out.write(value);
            return this;
        }

        Fields u32(long value) {
            return bytes(ByteBuffer.allocate(4).putInt((int) value).array());
        }

        Fields u64(long value) {
            return bytes(ByteBuffer.allocate(8).putLong(value).array());
        }

        Fields octets(String text, int width) {
            return bytes(Arrays.copyOf(ascii(text), width));
        }

        Fields bytes(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
