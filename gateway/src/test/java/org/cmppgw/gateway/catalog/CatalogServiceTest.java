package org.cmppgw.gateway.catalog;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.config.AppConfig;
import org.cmppgw.gateway.config.CallbackUrl;
import org.cmppgw.gateway.config.Secret;
import org.cmppgw.gateway.config.SignatureConfig;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.TemplateCatalog;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.testing.Await;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database: each sees its own changes in its catalog at once and the other's after a reload, and the
 * catalog answers admission's lookups (visibility, default signature) without the database.
 */
final class CatalogServiceTest {
    private static final AppConfig APP = new AppConfig("app-1", new Secret("secret"),
        List.of(new CallbackUrl("http://127.0.0.1:9/cb", true)), List.of(), 0, 0);
    private static final AppConfig OTHER = new AppConfig("app-2", new Secret("secret"),
        List.of(new CallbackUrl("http://127.0.0.1:9/cb", true)), List.of(), 0, 0);

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    HikariDataSource dataSource;
    CatalogService nodeA;
    CatalogService nodeB;

    @BeforeEach
    void open() {
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", ""));
        CatalogStore store = new CatalogStore(dataSource);
        store.seed(List.of(new TemplateConfig(1, "shared {{x}}", true, TemplateType.NOTIFICATION)),
            List.of(new SignatureConfig(1, "Shared")), clock.instant());
        nodeA = service(store, Duration.ofHours(1));
        nodeB = service(store, Duration.ofHours(1));
    }

    private CatalogService service(CatalogStore store, Duration period) {
        CatalogService s = new CatalogService(store, TemplateCatalog.of(List.of(), List.of()), List.of(APP, OTHER),
            false, new MessageIdGenerator(1, clock), clock);
        s.start(period);
        return s;
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        dataSource.close();
    }

    @Test
    void aChangeIsSeenAtOnceOnItsNodeAndAfterARefreshOnTheOther() {
        long id = nodeA.createTemplate("app-1", new TemplateRequest("Hi {{name}}", 2, null, null)).join().value();
        assertThat(nodeA.catalog().template("app-1", id)).isNotNull();
        assertThat(nodeB.catalog().template("app-1", id)).isNull();
        nodeB.refresh().join();
        assertThat(nodeB.catalog().template("app-1", id).status()).isEqualTo(ReviewStatus.PENDING);

        nodeB.review(CatalogStore.Subject.TEMPLATE, id, true, "").join();
        assertThat(nodeB.catalog().template("app-1", id).status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(nodeA.catalog().template("app-1", id).status()).isEqualTo(ReviewStatus.PENDING);
        nodeA.refresh().join();
        assertThat(nodeA.catalog().template("app-1", id).status()).isEqualTo(ReviewStatus.APPROVED);
    }

    @Test
    void thePeriodicRefreshPicksUpAnotherNodesChange() {
        CatalogService fast = service(new CatalogStore(dataSource), Duration.ofMillis(50));
        try {
            long id = nodeA.createTemplate("app-1", new TemplateRequest("Hi", 2, null, null)).join().value();
            Await.until("the other node's template", Duration.ofSeconds(10),
                () -> fast.catalog().template("app-1", id) != null);
        } finally {
            fast.close();
        }
    }

    @Test
    void lookupsHonourOwnershipAndTheDefaultSignature() {
        long own = nodeA.createTemplate("app-1", new TemplateRequest("mine", 2, null, null)).join().value();
        TemplateCatalog catalog = nodeA.catalog();
        assertThat(catalog.template("app-2", own)).isNull();
        assertThat(catalog.template("app-2", 1)).isNotNull();
        assertThat(catalog.signature("app-2", 1)).isNotNull();

        assertThat(catalog.defaultSignId("app-1", 0)).isZero();
        assertThat(catalog.defaultSignId("app-1", 1)).isEqualTo(1);
        long sign = nodeA.createSignature("app-1", new SignatureRequest("Mine", null, null, List.of())).join().value();
        assertThat(catalog.defaultSignId("app-1", 0)).isZero();
        nodeA.review(CatalogStore.Subject.SIGNATURE, sign, true, "").join();
        assertThat(catalog.defaultSignId("app-1", 0)).isEqualTo(sign);
        assertThat(catalog.defaultSignId("app-2", 0)).isZero();
        assertThat(nodeA.isDefault("app-1", sign)).isTrue();
        assertThat(nodeA.deleteSignature("app-1", sign).join().error()).isEqualTo(ApiError.DEFAULT_SIGNATURE);
    }

    @Test
    void rulesAreCheckedBeforeTheDatabase() {
        assertThat(nodeA.createTemplate("app-1", new TemplateRequest("", 2, null, null)).join().error())
            .isEqualTo(ApiError.TEMPLATE_EMPTY);
        assertThat(nodeA.createSignature("app-1", new SignatureRequest("x", null, null, List.of())).join().error())
            .isEqualTo(ApiError.INVALID_SIGNATURE);
    }
}
