package org.cmppgw.gateway.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.MessageAdmission;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The router and the body rules on their own, without a server. */
class ApiRouterTest {
    private static final ApiEndpoint NOTHING = request -> new CompletableFuture<>();

    private static ApiRoute route(HttpMethod method, String template, String label) {
        return new ApiRoute(method, template, BodyRule.JSON, label, NOTHING);
    }

    /** The shapes the coming issues need (docs/api.md), plus two that exercise precedence. */
    private static final ApiRouter ROUTER = new ApiRouter(List.of(
        route(HttpMethod.POST, "/v1/schedule", "schedule"),
        route(HttpMethod.GET, "/v1/schedule/{schedule_id}", "schedule_get"),
        route(HttpMethod.PUT, "/v1/schedule/{schedule_id}", "schedule_put"),
        route(HttpMethod.DELETE, "/v1/schedule/{schedule_id}", "schedule_delete"),
        route(HttpMethod.GET, "/v1/report", "report"),
        route(HttpMethod.GET, "/v1/templates/{temp_id}", "templates_one"),
        route(HttpMethod.GET, "/v1/templates/default", "templates_default"),
        route(HttpMethod.POST, "/v1/codes/{msg_id}/valid", "codes_valid"),
        route(HttpMethod.GET, "/v1/a/{x}/b", "a_param"),
        route(HttpMethod.GET, "/v1/a/lit/c", "a_literal")));

    private static ApiRouter.Found found(HttpMethod method, String uri) {
        ApiRouter.Match match = ROUTER.match(method, uri);
        assertThat(match).as(method + " " + uri).isInstanceOf(ApiRouter.Found.class);
        return (ApiRouter.Found) match;
    }

    @Test
    void routesIgnoreQueryAndOneTrailingSlash() {
        ApiRouter router = new ApiRouter(new MessagesEndpoint(new RequestBodies(),
            new MessageAdmission(List.of(), List.of(), Clock.systemUTC()), messages -> new CompletableFuture<>(),
            new JsonResponses(), GatewayMetrics.NOOP, () -> 0L, Duration.ofSeconds(5)).routes());

        assertThat(router.label(HttpMethod.POST, "/v1/messages?x=1")).isEqualTo("messages");
        assertThat(router.label(HttpMethod.POST, "/v1/messages/")).isEqualTo("messages");
        assertThat(router.label(HttpMethod.POST, "/v1/messages/batch")).isEqualTo("messages_batch");
        assertThat(router.match(HttpMethod.POST, "/v1/messagesx")).isInstanceOf(ApiRouter.NotFound.class);
        assertThat(router.match(HttpMethod.POST, "/v1/messages//")).isInstanceOf(ApiRouter.NotFound.class);
    }

    @Test
    void aTemplateMatchesWithItsParametersDecoded() {
        assertThat(found(HttpMethod.GET, "/v1/schedule/42").params()).isEqualTo(Map.of("schedule_id", "42"));
        assertThat(found(HttpMethod.GET, "/v1/schedule/a%20b+c%E4%B8%AD").params())
            .as("percent-decoded, '+' is itself in a path").isEqualTo(Map.of("schedule_id", "a b+c中"));
        assertThat(found(HttpMethod.GET, "/v1/schedule/a%2Fb").params()).isEqualTo(Map.of("schedule_id", "a/b"));
        ApiRouter.Found codes = found(HttpMethod.POST, "/v1/codes/123456789/valid");
        assertThat(codes.route().label()).isEqualTo("codes_valid");
        assertThat(codes.params()).isEqualTo(Map.of("msg_id", "123456789"));
        assertThat(found(HttpMethod.POST, "/v1/schedule").params()).isEmpty();
    }

    @Test
    void aParameterIsHandedOnAsTextTheEndpointChecksItsForm() {
        assertThat(found(HttpMethod.DELETE, "/v1/schedule/not-a-number").params())
            .isEqualTo(Map.of("schedule_id", "not-a-number"));
    }

    @Test
    void aLiteralSegmentWinsOverAParameterAndTheRouterBacktracksWhenItLeadsNowhere() {
        assertThat(found(HttpMethod.GET, "/v1/templates/default").route().label()).isEqualTo("templates_default");
        assertThat(found(HttpMethod.GET, "/v1/templates/7").route().label()).isEqualTo("templates_one");
        assertThat(found(HttpMethod.GET, "/v1/a/lit/c").route().label()).isEqualTo("a_literal");
        ApiRouter.Found backtracked = found(HttpMethod.GET, "/v1/a/lit/b");
        assertThat(backtracked.route().label()).isEqualTo("a_param");
        assertThat(backtracked.params()).isEqualTo(Map.of("x", "lit"));
    }

    @Test
    void anUnknownPathIsNotFound() {
        for (String uri : new String[] {"/", "", "v1/report", "/v1", "/v1/report/x", "/v1/schedule/1/2",
            "/v1/codes//valid", "/v1/schedule/%zz", "/v1/schedule/%E4%B8", "http://host/v1/report", "/V1/report"}) {
            assertThat(ROUTER.match(HttpMethod.GET, uri)).as(uri).isInstanceOf(ApiRouter.NotFound.class);
            assertThat(ROUTER.label(HttpMethod.GET, uri)).as(uri).isEqualTo(ApiRoute.OTHER_LABEL);
        }
    }

    @Test
    void aKnownPathWithAnotherMethodListsThePathsMethods() {
        ApiRouter.Match match = ROUTER.match(HttpMethod.PATCH, "/v1/schedule/42");

        assertThat(match).isEqualTo(new ApiRouter.WrongMethod("schedule_get", "GET, PUT, DELETE"));
        assertThat(ROUTER.match(HttpMethod.GET, "/v1/schedule")).isEqualTo(new ApiRouter.WrongMethod("schedule",
            "POST"));
        assertThat(ROUTER.match(HttpMethod.POST, "/v1/templates/default"))
            .as("the most specific path decides before the method")
            .isEqualTo(new ApiRouter.WrongMethod("templates_default", "GET"));
    }

    @Test
    void queryAndOneTrailingSlashAreIgnoredWhenMatching() {
        assertThat(found(HttpMethod.GET, "/v1/schedule/42/?page=2").params()).isEqualTo(Map.of("schedule_id", "42"));
        assertThat(found(HttpMethod.GET, "/v1/report?").route().label()).isEqualTo("report");
        assertThat(found(HttpMethod.GET, "/v1/report/?mobile=1").route().label()).isEqualTo("report");
        assertThat(ROUTER.match(HttpMethod.GET, "/v1/report//")).isInstanceOf(ApiRouter.NotFound.class);
    }

    @Test
    void theQueryIsDecodedOnDemand() {
        ApiRequest request = new ApiRequest(null, Map.of(), "/v1/report?mobile=13800138000&page=2&page=3&q=%E4%B8%AD+x",
            Unpooled.EMPTY_BUFFER, null, null);

        assertThat(request.query()).isEqualTo(Map.of("mobile", List.of("13800138000"), "page", List.of("2", "3"),
            "q", List.of("中 x")));
        assertThat(new ApiRequest(null, Map.of(), "/v1/report", Unpooled.EMPTY_BUFFER, null, null).query()).isEmpty();
    }

    @Test
    void metricLabelsAreTheRoutesNeverAParameterValue() {
        assertThat(ROUTER.label(HttpMethod.GET, "/v1/schedule/13800138000")).isEqualTo("schedule_get");
        assertThat(ROUTER.label(HttpMethod.PATCH, "/v1/schedule/13800138000")).isEqualTo("schedule_get");
        assertThat(ROUTER.label(HttpMethod.DELETE, "/v1/schedule/x")).isEqualTo("schedule_delete");
    }

    @Test
    void conflictingOrMalformedRoutesAreRefusedAtStart() {
        assertThatThrownBy(() -> new ApiRouter(List.of(route(HttpMethod.GET, "/v1/x/{a}", "a"),
            route(HttpMethod.GET, "/v1/x/{b}", "b")))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("GET /v1/x/{b}").hasMessageContaining("already /v1/x/{a}");
        for (String template : new String[] {"", "/", "v1", "/v1/", "/v1//x", "/v1/{a}/{a}", "/v1/x{a}", "/v1/{}",
            "/v1?x"}) {
            assertThatThrownBy(() -> route(HttpMethod.GET, template, "t")).as(template)
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("template: ");
        }
        assertThatThrownBy(() -> route(HttpMethod.GET, "/v1/x", ApiRoute.OTHER_LABEL))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("label: other");
    }

    private static FullHttpRequest request(HttpMethod method, String contentType, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/v1/x",
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        return request;
    }

    private static ApiError check(BodyRule rule, HttpMethod method, String contentType, String body) {
        FullHttpRequest request = request(method, contentType, body);
        try {
            return rule.check(request);
        } finally {
            request.release();
        }
    }

    @Test
    void aJsonRouteTakesJsonInUtf8AndNotABlankBody() {
        for (String type : new String[] {"application/json", "application/json; charset=utf-8",
            "Application/JSON; charset=UTF-8", "application/json;charset=\"utf-8\""}) {
            assertThat(check(BodyRule.JSON, HttpMethod.POST, type, "{}")).as(type).isNull();
        }
        for (String type : new String[] {null, "text/plain", "application/json; charset=GBK", "application/jsonx",
            "application/x-www-form-urlencoded"}) {
            assertThat(check(BodyRule.JSON, HttpMethod.POST, type, "{}")).as(type)
                .isEqualTo(ApiError.MEDIA_NOT_SUPPORTED);
        }
        assertThat(check(BodyRule.JSON, HttpMethod.POST, "application/json", " \r\n\t")).isEqualTo(
            ApiError.MISSING_BODY);
        assertThat(check(BodyRule.JSON, HttpMethod.POST, "text/plain", "")).as("the type is checked first")
            .isEqualTo(ApiError.MEDIA_NOT_SUPPORTED);
    }

    @Test
    void aFormRouteTakesUrlEncodedFormsAndAMultipartRouteNeedsABoundary() {
        assertThat(check(BodyRule.FORM, HttpMethod.POST, "application/x-www-form-urlencoded", "a=1")).isNull();
        assertThat(check(BodyRule.FORM, HttpMethod.POST, "application/x-www-form-urlencoded; charset=UTF-8", "a=1"))
            .isNull();
        assertThat(check(BodyRule.FORM, HttpMethod.POST, "application/json", "a=1"))
            .isEqualTo(ApiError.MEDIA_NOT_SUPPORTED);
        assertThat(check(BodyRule.FORM, HttpMethod.POST, "application/x-www-form-urlencoded", ""))
            .isEqualTo(ApiError.MISSING_BODY);
        assertThat(check(BodyRule.MULTIPART, HttpMethod.POST, "multipart/form-data; boundary=xyz", "--xyz--"))
            .isNull();
        assertThat(check(BodyRule.MULTIPART, HttpMethod.POST, "multipart/form-data", "--xyz--"))
            .isEqualTo(ApiError.MEDIA_NOT_SUPPORTED);
        assertThat(check(BodyRule.MULTIPART, HttpMethod.POST, "application/json", "{}"))
            .isEqualTo(ApiError.MEDIA_NOT_SUPPORTED);
    }

    @Test
    void aRouteWithoutBodyTakesWhatTheJsmsSdkSendsOnGetAndDelete() {
        assertThat(check(BodyRule.NONE, HttpMethod.GET, "application/json", "")).isNull();
        assertThat(check(BodyRule.NONE, HttpMethod.DELETE, "application/json; charset=utf-8", "")).isNull();
        assertThat(check(BodyRule.NONE, HttpMethod.GET, null, "")).isNull();
    }
}
