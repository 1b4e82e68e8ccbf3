package org.cmppgw.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI TARGET = URI.create("http://127.0.0.1:8080");

    @Test
    void singleRequestIsTheJsmsBodyWithTheGivenMobile() throws Exception {
        LoadConfig config = LoadConfig.defaults().with(Map.of("mode", "single", "signId", 3,
            "tempPara", Map.of("code", "9\"9")));
        RequestEncoder encoder = new RequestEncoder(config, TARGET, null);

        FullHttpRequest request = encoder.encode(ByteBufAllocator.DEFAULT, 13_800_000_042L, 1);
        try {
            assertThat(request.uri()).isEqualTo("/v1/messages");
            JsonNode body = body(request);
            assertThat(body.get("mobile").asText()).isEqualTo("13800000042");
            assertThat(body.get("temp_id").asLong()).isEqualTo(1);
            assertThat(body.get("sign_id").asLong()).isEqualTo(3);
            assertThat(body.get("temp_para").get("code").asText()).isEqualTo("9\"9");
            assertThat(body.has("callback_url")).isFalse();
            assertHeaders(request);
        } finally {
            request.release();
        }
    }

    @Test
    void codeRequestNamesTheTemplateAndLeavesTheCodeToTheGateway() throws Exception {
        LoadConfig config = LoadConfig.defaults().with(Map.of("mode", "code", "tempId", 2, "batchSize", 500));
        RequestEncoder encoder = new RequestEncoder(config, URI.create("http://gw.example:9000/base"),
            "http://127.0.0.1:8091/callback");

        FullHttpRequest request = encoder.encode(ByteBufAllocator.DEFAULT, 13_900_000_007L, 1);
        try {
            assertThat(request.uri()).isEqualTo("/base/v1/codes");
            JsonNode body = body(request);
            assertThat(body.get("mobile").asText()).isEqualTo("13900000007");
            assertThat(body.get("temp_id").asLong()).isEqualTo(2);
            assertThat(body.get("callback_url").asText()).isEqualTo("http://127.0.0.1:8091/callback");
            assertThat(body.has("temp_para")).as("the gateway draws the code").isFalse();
            assertThat(body.has("sign_id")).as("signId 0 is not sent").isFalse();
            assertThat(body.size()).isEqualTo(3);
            assertThat(config.recipientsPerRequest()).as("one code per request, whatever batchSize").isEqualTo(1);
            assertHeaders(request);
        } finally {
            request.release();
        }
    }

    @Test
    void batchRequestListsConsecutiveMobilesAndSharesNothingMutable() throws Exception {
        LoadConfig config = LoadConfig.defaults().with(Map.of("batchSize", 3));
        RequestEncoder encoder = new RequestEncoder(config, URI.create("http://gw.example:9000/base"),
            "http://127.0.0.1:8090/callback");

        FullHttpRequest full = encoder.encode(ByteBufAllocator.DEFAULT, 13_900_000_000L, 3);
        FullHttpRequest partial = encoder.encode(ByteBufAllocator.DEFAULT, 13_900_000_003L, 2);
        try {
            assertThat(full.uri()).isEqualTo("/base/v1/messages/batch");
            assertThat(full.headers().get(HttpHeaderNames.HOST)).isEqualTo("gw.example:9000");
            JsonNode body = body(full);
            assertThat(body.get("callback_url").asText()).isEqualTo("http://127.0.0.1:8090/callback");
            assertThat(body.get("recipients")).extracting(r -> r.get("mobile").asText())
                .containsExactly("13900000000", "13900000001", "13900000002");
            assertThat(body.get("recipients").get(0).get("temp_para").get("code").asText()).isEqualTo("123456");
            assertThat(body(partial).get("recipients")).extracting(r -> r.get("mobile").asText())
                .containsExactly("13900000003", "13900000004");
            assertHeaders(full);
            assertHeaders(partial);
        } finally {
            full.release();
            partial.release();
        }
    }

    @Test
    void emailRequestCarriesTheToAddressesAndATextBodyOfTheConfiguredSize() throws Exception {
        LoadConfig config = LoadConfig.defaults().with(Map.of("mode", "email", "batchSize", 3,
            "emailBodyBytes", 1000));
        RequestEncoder encoder = new RequestEncoder(config, TARGET, "http://127.0.0.1:8090/callback");

        FullHttpRequest full = encoder.encode(ByteBufAllocator.DEFAULT, 13_800_000_000L, 3);
        FullHttpRequest partial = encoder.encode(ByteBufAllocator.DEFAULT, 13_800_000_003L, 1);
        try {
            assertThat(full.uri()).isEqualTo("/v1/emails");
            JsonNode body = body(full);
            assertThat(body.get("to")).extracting(JsonNode::asText)
                .containsExactly("u13800000000@example.com", "u13800000001@example.com", "u13800000002@example.com");
            assertThat(body.get("subject").asText()).isEqualTo(RequestEncoder.EMAIL_SUBJECT);
            assertThat(body.get("text").asText()).hasSize(1000).contains("\n").doesNotContain("\r");
            assertThat(body.get("text").asText().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(77));
            assertThat(body.get("callback_url").asText()).isEqualTo("http://127.0.0.1:8090/callback");
            assertThat(body.has("temp_id")).as("no SMS field").isFalse();
            assertThat(body(partial).get("to")).extracting(JsonNode::asText)
                .containsExactly("u13800000003@example.com");
            assertHeaders(full);
            assertHeaders(partial);
        } finally {
            full.release();
            partial.release();
        }
    }

    @Test
    void emailBodyLengthIsExactForEveryRecipientCount() {
        LoadConfig config = LoadConfig.defaults().with(Map.of("mode", "email", "batchSize", 100,
            "emailBodyBytes", 1));
        RequestEncoder encoder = new RequestEncoder(config, TARGET, null);
        // {"subject":"…","text":"T","to":[ then 26 bytes per address ("u" + 11 digits + "@example.com" quoted),
        // commas between, and ]}
        int head = ("{\"subject\":\"" + RequestEncoder.EMAIL_SUBJECT + "\",\"text\":\"T\",\"to\":[").length();
        for (int count : new int[] {1, 2, 99, 100}) {
            FullHttpRequest request = encoder.encode(ByteBufAllocator.DEFAULT, 13_800_000_000L, count);
            try {
                int expected = head + count * 26 + (count - 1) + 2;
                assertThat(encoder.bodyLength(count)).isEqualTo(expected);
                assertThat(request.content().readableBytes()).isEqualTo(expected);
                assertThat(request.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(expected);
            } finally {
                request.release();
            }
        }
    }

    @Test
    void emailTextIsPrintableAsciiOfTheExactLength() {
        for (int length : new int[] {1, 75, 76, 77, 1024, 5000}) {
            String text = RequestEncoder.emailText(length);
            assertThat(text).hasSize(length);
            assertThat(text.chars()).allMatch(c -> c == '\n' || c >= ' ' && c < 127);
        }
    }

    private static JsonNode body(FullHttpRequest request) throws Exception {
        return JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
    }

    private static void assertHeaders(FullHttpRequest request) {
        assertThat(request.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
            .isEqualTo(request.content().readableBytes());
        assertThat(request.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(request.headers().get(HttpHeaderNames.AUTHORIZATION)).isEqualTo("Basic "
            + Base64.getEncoder().encodeToString("demo-app-key:demo-master-secret".getBytes(StandardCharsets.UTF_8)));
    }
}
