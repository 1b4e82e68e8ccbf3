package org.cmppgw.gateway.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The router through a real {@link HttpApiServer} on 127.0.0.1, port 0, with routes declared by the test. */
class RoutedServerTest {
    private final HttpApiServerTest.CountingMetrics metrics = new HttpApiServerTest.CountingMetrics();
    private final MutableClock clock = new MutableClock(ApiFixture.NOW);
    private final HttpApiServer server;
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    RoutedServerTest() {
        GatewayConfig config = new ConfigLoader(Map.of()).parse(ApiFixture.CONFIG, List.of());
        server = new HttpApiServer(config, metrics, clock::nanoTime, json -> List.of(
            new ApiRoute(HttpMethod.POST, "/v1/schedule", BodyRule.JSON, "schedule", RoutedServerTest::echo),
            new ApiRoute(HttpMethod.GET, "/v1/schedule/{schedule_id}", BodyRule.NONE, "schedule_get",
                request -> numericId(json, request)),
            new ApiRoute(HttpMethod.DELETE, "/v1/schedule/{schedule_id}", BodyRule.NONE, "schedule_delete",
                RoutedServerTest::echo),
            new ApiRoute(HttpMethod.GET, "/v1/report", BodyRule.NONE, "report", RoutedServerTest::echo),
            new ApiRoute(HttpMethod.POST, "/v1/sign/{sign_id}", BodyRule.MULTIPART, "sign", RoutedServerTest::echo),
            new ApiRoute(HttpMethod.POST, "/v1/form", BodyRule.FORM, "form", RoutedServerTest::echo)));
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    @AfterEach
    void close() {
        server.close();
    }

    /** Answers 200 with what the endpoint was handed: path parameters, query and body. */
    private static CompletableFuture<ApiReply> echo(ApiRequest request) {
        String text = new TreeMap<>(request.pathParams()) + " " + new TreeMap<>(request.query()) + " "
            + request.body().toString(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
            ByteBufUtil.writeUtf8(request.alloc(), text));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return CompletableFuture.completedFuture(new ApiReply(response, ApiError.SUCCESS_CODE));
    }

    /** A numeric parameter is the endpoint's to check, not the router's. */
    private static CompletableFuture<ApiReply> numericId(JsonResponses json, ApiRequest request) {
        String id = request.pathParam("schedule_id");
        try {
            return CompletableFuture.completedFuture(json.msgId(request.alloc(), Long.parseLong(id)));
        } catch (NumberFormatException e) {
            return CompletableFuture.completedFuture(json.error(request.alloc(), ApiError.INVALID_BODY,
                "invalid body: schedule_id " + id + " (expected: a number)"));
        }
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", ApiFixture.basic("app-a", "secret-a"))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void getAndDeleteWithTheSdksJsonContentTypeAndNoBodyReachTheirEndpointWithDecodedParameters() {
        HttpResponse<String> get = send("GET", "/v1/schedule/42?x=1", ApiFixture.JSON, null);
        HttpResponse<String> delete = send("DELETE", "/v1/schedule/a%20b/", "application/json; charset=utf-8", null);

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("{\"msg_id\":\"42\"}");
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(delete.body()).isEqualTo("{schedule_id=a b} {} ");
        assertThat(metrics.requests).containsExactly("schedule_get 200 50000", "schedule_delete 200 50000");
    }

    @Test
    void aParameterOfTheWrongFormIsTheEndpointsRefusal() {
        HttpResponse<String> answer = send("GET", "/v1/schedule/abc", null, null);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(
            "{\"error\":{\"code\":50007,\"message\":\"invalid body: schedule_id abc (expected: a number)\"}}");
    }

    @Test
    void theQueryStringIsDecodedForTheEndpoint() {
        HttpResponse<String> answer = send("GET", "/v1/report?mobile=13800138000&page=2&page=3&q=%E4%B8%AD", null,
            null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{} {mobile=[13800138000], page=[2, 3], q=[中]} ");
    }

    @Test
    void eachRouteChecksItsOwnContentType() {
        assertThat(send("POST", "/v1/schedule", ApiFixture.JSON, "{\"a\":1}").body()).isEqualTo("{} {} {\"a\":1}");
        assertThat(send("POST", "/v1/form", "application/x-www-form-urlencoded", "a=1&b=2").body())
            .isEqualTo("{} {} a=1&b=2");
        assertThat(send("POST", "/v1/sign/7", "multipart/form-data; boundary=xyz", "--xyz--\r\n").body())
            .isEqualTo("{sign_id=7} {} --xyz--\r\n");

        HttpResponse<String> form = send("POST", "/v1/form", ApiFixture.JSON, "{}");
        HttpResponse<String> sign = send("POST", "/v1/sign/7", "multipart/form-data", "--xyz--\r\n");
        HttpResponse<String> json = send("POST", "/v1/schedule", "application/x-www-form-urlencoded", "a=1");
        for (HttpResponse<String> refused : List.of(form, sign, json)) {
            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(refused.body()).isEqualTo("{\"error\":{\"code\":50017,\"message\":\"media not supported\"}}");
        }
    }

    @Test
    void unknownPathIs404AndAKnownPathWithAnotherMethodIs405WithAllow() {
        HttpResponse<String> unknown = send("GET", "/v1/schedules/1", ApiFixture.JSON, null);
        HttpResponse<String> wrong = send("PUT", "/v1/schedule/13800138000", ApiFixture.JSON, "{}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":{\"code\":50016,\"message\":\"api not found\"}}");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.body()).isEqualTo("{\"error\":{\"code\":50018,\"message\":\"method not supported\"}}");
        assertThat(wrong.headers().firstValue("allow")).hasValue("GET, DELETE");
        assertThat(metrics.requests).as("bounded labels, never a parameter's value")
            .containsExactly("other 404 50016", "schedule_get 405 50018");
    }

    @Test
    void everyRouteStillNeedsAnAuthenticatedApp() {
        HttpResponse<String> answer;
        try {
            answer = client.send(HttpRequest.newBuilder(base.resolve("/v1/schedule/1")).GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":50001,\"message\":\"missing auth\"}}");
    }
}
