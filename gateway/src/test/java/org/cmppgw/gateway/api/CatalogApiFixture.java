package org.cmppgw.gateway.api;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.catalog.CatalogService;
import org.cmppgw.gateway.catalog.CatalogStore;
import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.intake.TemplateCatalog;
import org.cmppgw.gateway.metrics.GatewayMetrics;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.policy.PolicyRules;
import org.cmppgw.gateway.policy.PolicyService;
import org.cmppgw.gateway.policy.PolicyStore;
import org.cmppgw.gateway.users.UserService;
import org.cmppgw.gateway.users.UserStore;
import org.cmppgw.testing.MutableClock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole API on 127.0.0.1 port 0 with the template, signature, user and policy endpoints on an H2 file database, a
 * {@link RecordingIntake}, the configuration of {@link ApiFixture} plus an operator, and a JDK HTTP client.
 */
final class CatalogApiFixture implements AutoCloseable {
    static final String OPERATOR = ApiFixture.basic("reviewer", "operator-password");
    static final String APP_A = ApiFixture.basic("app-a", "secret-a");
    static final String UNSIGNED = ApiFixture.basic("unsigned", "secret-u");
    static final String LOCAL = ApiFixture.basic("local", "secret-local");

    final RecordingIntake intake = new RecordingIntake();
    final MutableClock clock = new MutableClock(ApiFixture.NOW);
    final HikariDataSource dataSource;
    final CatalogService catalog;
    final UserService users;
    final PolicyService policies;
    final HttpApiServer server;
    final URI base;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final ApiFixture.Answerer answerer;

    CatalogApiFixture(Path dir, String... overrides) {
        List<String> all = new ArrayList<>(List.of("operators[0].name=reviewer",
            "operators[0].password=operator-password"));
        all.addAll(List.of(overrides));
        GatewayConfig config = new ConfigLoader(Map.of()).parse(ApiFixture.CONFIG, all);
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", ""));
        CatalogStore store = new CatalogStore(dataSource);
        store.seed(config.templates(), config.signatures(), clock.instant());
        catalog = new CatalogService(store, TemplateCatalog.of(List.of(), List.of()), config.apps(),
            config.review().autoApprove(), new MessageIdGenerator(1, clock), clock);
        catalog.start(Duration.ofHours(1));
        users = new UserService(new UserStore(dataSource), clock);
        policies = new PolicyService(new PolicyStore(dataSource), new PolicyRules(false),
            new MessageIdGenerator(2, clock), clock);
        server = new HttpApiServer(config, ApiServices.of(intake, config).withCatalog(catalog).withUsers(users)
            .withPolicies(policies), GatewayMetrics.NOOP, clock, clock::nanoTime);
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
        answerer = new ApiFixture.Answerer(client);
    }

    ApiFixture.Answer send(String method, String path, String authorization, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return answerer.send(b.build());
    }

    ApiFixture.Answer json(String method, String path, String authorization, String body) {
        return send(method, path, authorization, ApiFixture.JSON,
            body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** As app-a. */
    ApiFixture.Answer json(String method, String path, String body) {
        return json(method, path, APP_A, body);
    }

    /** The SDK's GET and DELETE: {@code Content-Type: application/json} and no body. */
    ApiFixture.Answer bodiless(String method, String path, String authorization) {
        return json(method, path, authorization, null);
    }

    /** A template created by app-a; its id. */
    long createTemplate(String json) {
        ApiFixture.Answer created = json("POST", "/v1/templates", json);
        if (created.status() != 200) {
            throw new AssertionError("create failed: " + created.raw().body());
        }
        return created.json().path("temp_id").asLong();
    }

    ApiFixture.Answer review(String what, long id, String decision, String reasonJson) {
        return json("POST", "/operator/v1/" + what + "/" + id + "/" + decision, OPERATOR, reasonJson);
    }

    ApiFixture.Answer sendOne(String authorization, long tempId, String extra) {
        return json("POST", "/v1/messages", authorization, "{\"mobile\":\"13800138000\",\"temp_id\":" + tempId
            + ",\"temp_para\":{\"name\":\"Li\",\"code\":\"123456\"}" + extra + "}");
    }

    @Override
    public void close() {
        server.close();
        catalog.close();
        users.close();
        policies.close();
        dataSource.close();
        intake.close();
    }
}
