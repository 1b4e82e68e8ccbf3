package org.cmppgw.gateway.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/sign} on a real server and an H2 database: multipart as JSMS's SDK sends it, every rule and code. */
final class SignaturesApiTest {
    static final String BOUNDARY = "----sdk7f3a";
    /** What JSMS's SDK writes: a space before the semicolon. */
    static final String SDK_TYPE = "multipart/form-data ; boundary=" + BOUNDARY;
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16};

    @TempDir
    Path dir;
    CatalogApiFixture api;

    @BeforeEach
    void start() {
        api = new CatalogApiFixture(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A multipart body: name/value text parts, then image parts. */
    static final class Form {
        private final List<String[]> texts = new ArrayList<>();
        private final List<Object[]> files = new ArrayList<>();

        Form text(String name, String value) {
            texts.add(new String[] {name, value});
            return this;
        }

        Form file(String name, byte[] bytes) {
            files.add(new Object[] {name, bytes});
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String[] t : texts) {
                write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + t[0] + "\"\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + t[1] + "\r\n");
            }
            for (Object[] f : files) {
                write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f[0]
                    + "\"; filename=\"x.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                out.writeBytes((byte[]) f[1]);
                write(out, "\r\n");
            }
            write(out, "--" + BOUNDARY + "--\r\n");
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private ApiFixture.Answer post(String path, String authorization, Form form) {
        return api.send("POST", path, authorization, SDK_TYPE, form.bytes());
    }

    private ApiFixture.Answer create(Form form) {
        return post("/v1/sign", CatalogApiFixture.APP_A, form);
    }

    private void assertError(ApiFixture.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.code()).as(answer.raw().body()).isEqualTo(code);
    }

    @Test
    void theSdksMultipartCreatesAPendingSignatureWithItsImages() {
        ApiFixture.Answer created = create(new Form().text("sign", "Acme科技").text("type", "5")
            .text("remark", "our trademark").file("images", PNG).file("images", JPEG));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        long id = created.json().path("sign_id").asLong();
        ApiFixture.Answer shown = api.bodiless("GET", "/v1/sign/" + id, CatalogApiFixture.APP_A);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("sign").asText()).isEqualTo("Acme科技");
        assertThat(shown.json().path("type").asInt()).isEqualTo(5);
        assertThat(shown.json().path("status").asInt()).isZero();
        assertThat(shown.json().path("images").asInt()).isEqualTo(2);
        assertThat(shown.json().path("is_default").asInt()).isZero();

        ApiFixture.Answer image = api.send("GET", "/operator/v1/signs/" + id + "/images/1", CatalogApiFixture.OPERATOR,
            null, null);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.raw().headers().firstValue("Content-Type")).contains("image/jpeg");
    }

    @Test
    void numberedImagePartsAsInJsmsDocumentation() {
        ApiFixture.Answer created = create(new Form().text("sign", "Acme").file("image0", PNG).file("image3", PNG));
        assertThat(created.status()).isEqualTo(200);
        assertThat(api.bodiless("GET", "/v1/sign/" + created.json().path("sign_id").asLong(),
            CatalogApiFixture.APP_A).json().path("images").asInt()).isEqualTo(2);
    }

    @Test
    void onlyOneSignaturePendingPerApp50103() {
        assertThat(create(new Form().text("sign", "First")).status()).isEqualTo(200);
        assertError(create(new Form().text("sign", "Second")), 403, 50103);
        assertThat(post("/v1/sign", CatalogApiFixture.LOCAL, new Form().text("sign", "Second")).status())
            .isEqualTo(200);
    }

    @Test
    void invalidSignatureText50104AtTheBoundaries() {
        assertError(create(new Form().text("type", "1")), 403, 50104);
        assertError(create(new Form().text("sign", "A")), 403, 50104);
        assertError(create(new Form().text("sign", "a".repeat(17))), 403, 50104);
        assertError(create(new Form().text("sign", "a b")), 403, 50104);
        assertError(create(new Form().text("sign", "ab!")), 403, 50104);
        assertError(create(new Form().text("sign", "【ab】")), 403, 50104);
        assertThat(create(new Form().text("sign", "a".repeat(16))).status()).isEqualTo(200);
        assertThat(post("/v1/sign", CatalogApiFixture.LOCAL, new Form().text("sign", "ab")).status())
            .isEqualTo(200);
    }

    @Test
    void invalidImages50101() {
        assertError(create(new Form().text("sign", "Acme").file("images", "not an image".getBytes())), 403, 50101);
        assertError(create(new Form().text("sign", "Acme").file("images", new byte[0])), 403, 50101);
        Form five = new Form().text("sign", "Acme");
        for (int i = 0; i < 5; i++) {
            five.file("images", PNG);
        }
        assertError(create(five), 403, 50101);
    }

    @Test
    void typeRemarkAndBodyErrors() {
        assertError(create(new Form().text("sign", "Acme").text("type", "7")), 403, 50007);
        assertError(create(new Form().text("sign", "Acme").text("type", "x")), 403, 50007);
        assertError(create(new Form().text("sign", "Acme").text("remark", "r".repeat(501))), 403, 50045);
        assertError(create(new Form().text("sign", "Acme").text("sign", "Other")), 403, 50007);
        assertError(api.send("POST", "/v1/sign", CatalogApiFixture.APP_A, ApiFixture.JSON, "{}".getBytes()), 415,
            50017);
    }

    @Test
    void onlyARejectedSignatureIsModified50102() {
        long id = create(new Form().text("sign", "Acme")).json().path("sign_id").asLong();
        assertError(post("/v1/sign/" + id, CatalogApiFixture.APP_A, new Form().text("sign", "Acme2")), 403, 50102);
        assertThat(api.review("signs", id, "reject", "{\"reason\":\"blurred licence\"}").status()).isEqualTo(200);
        ApiFixture.Answer shown = api.bodiless("GET", "/v1/sign/" + id, CatalogApiFixture.APP_A);
        assertThat(shown.json().path("status").asInt()).isEqualTo(2);
        assertThat(shown.json().path("reason").asText()).isEqualTo("blurred licence");

        ApiFixture.Answer modified = post("/v1/sign/" + id, CatalogApiFixture.APP_A,
            new Form().text("sign", "Acme2").file("image0", PNG));
        assertThat(modified.status()).isEqualTo(200);
        assertThat(modified.json().path("sign_id").asLong()).isEqualTo(id);
        ApiFixture.Answer after = api.bodiless("GET", "/v1/sign/" + id, CatalogApiFixture.APP_A);
        assertThat(after.json().path("sign").asText()).isEqualTo("Acme2");
        assertThat(after.json().path("status").asInt()).isZero();
        assertThat(after.json().path("images").asInt()).isEqualTo(1);
    }

    @Test
    void anotherAppsSignatureAndBadIdsAre50102() {
        long id = create(new Form().text("sign", "Acme")).json().path("sign_id").asLong();
        assertError(api.bodiless("GET", "/v1/sign/" + id, CatalogApiFixture.LOCAL), 403, 50102);
        assertError(api.bodiless("DELETE", "/v1/sign/" + id, CatalogApiFixture.LOCAL), 403, 50102);
        assertError(post("/v1/sign/" + id, CatalogApiFixture.LOCAL, new Form().text("sign", "Mine")), 403, 50102);
        assertError(api.bodiless("GET", "/v1/sign/abc", CatalogApiFixture.APP_A), 403, 50102);
        assertError(api.bodiless("GET", "/v1/sign/99999", CatalogApiFixture.APP_A), 403, 50102);
    }

    @Test
    void theDefaultSignatureCannotBeDeleted50105() {
        assertError(api.bodiless("DELETE", "/v1/sign/1", CatalogApiFixture.APP_A), 403, 50105);
        assertThat(api.bodiless("GET", "/v1/sign/1", CatalogApiFixture.APP_A).json().path("is_default").asInt())
            .isEqualTo(1);

        long own = post("/v1/sign", CatalogApiFixture.UNSIGNED, new Form().text("sign", "Unsigned"))
            .json().path("sign_id").asLong();
        api.review("signs", own, "approve", null);
        assertThat(api.bodiless("GET", "/v1/sign/" + own, CatalogApiFixture.UNSIGNED).json().path("is_default")
            .asInt()).isEqualTo(1);
        assertError(api.bodiless("DELETE", "/v1/sign/" + own, CatalogApiFixture.UNSIGNED), 403, 50105);

        long other = post("/v1/sign", CatalogApiFixture.APP_A, new Form().text("sign", "Spare"))
            .json().path("sign_id").asLong();
        ApiFixture.Answer deleted = api.bodiless("DELETE", "/v1/sign/" + other, CatalogApiFixture.APP_A);
        assertThat(deleted.status()).isEqualTo(200);
        assertError(api.bodiless("GET", "/v1/sign/" + other, CatalogApiFixture.APP_A), 403, 50102);
    }

    @Test
    void sendTimeSignatureCodes() {
        assertError(api.sendOne(CatalogApiFixture.UNSIGNED, 3, ""), 403, 50046);
        assertError(api.sendOne(CatalogApiFixture.APP_A, 3, ",\"sign_id\":999"), 403, 50051);
        long pending = create(new Form().text("sign", "Acme")).json().path("sign_id").asLong();
        assertError(api.sendOne(CatalogApiFixture.APP_A, 3, ",\"sign_id\":" + pending), 403, 50051);
        long foreign = post("/v1/sign", CatalogApiFixture.LOCAL, new Form().text("sign", "Local"))
            .json().path("sign_id").asLong();
        api.review("signs", foreign, "approve", null);
        assertError(api.sendOne(CatalogApiFixture.APP_A, 3, ",\"sign_id\":" + foreign), 403, 50051);

        api.review("signs", pending, "approve", null);
        ApiFixture.Answer sent = api.json("POST", "/v1/messages", CatalogApiFixture.APP_A,
            "{\"mobile\":\"13800138000\",\"temp_id\":3,\"sign_id\":" + pending + ",\"temp_para\":{\"text\":\"hi\"}}");
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        assertThat(api.intake.accepted).singleElement()
            .satisfies(m -> assertThat(m.content()).isEqualTo("【Acme】Notice: hi"));
        ApiFixture.Answer byDefault = api.json("POST", "/v1/messages", CatalogApiFixture.UNSIGNED,
            "{\"mobile\":\"13800138000\",\"temp_id\":3,\"temp_para\":{\"text\":\"hi\"}}");
        assertThat(byDefault.code()).isEqualTo(50046);
    }
}
