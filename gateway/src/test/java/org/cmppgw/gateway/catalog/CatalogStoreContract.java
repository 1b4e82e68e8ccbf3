package org.cmppgw.gateway.catalog;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.config.SignatureConfig;
import org.cmppgw.gateway.config.TemplateConfig;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.ReviewOutcome;
import org.cmppgw.gateway.model.ReviewStatus;
import org.cmppgw.gateway.model.StoredSignature;
import org.cmppgw.gateway.model.StoredTemplate;
import org.cmppgw.gateway.model.TemplateType;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The template and signature tables, the same on H2 and MariaDB (V3 migration). */
abstract class CatalogStoreContract {
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    DataSourceSettings settings;
    HikariDataSource dataSource;
    CatalogStore store;

    abstract DataSourceSettings newDatabase() throws Exception;

    @BeforeEach
    final void open() throws Exception {
        settings = newDatabase();
        dataSource = DataSources.open(settings);
        store = new CatalogStore(dataSource);
    }

    @AfterEach
    final void close() {
        dataSource.close();
    }

    private static NewTemplate notification(String text) {
        return new NewTemplate(text, TemplateType.NOTIFICATION, 0, "");
    }

    @Test
    void seedingKeepsIdsIsIdempotentAndUpdatesChangedRows() {
        List<TemplateConfig> templates = List.of(new TemplateConfig(7, "Hello {{name}}", true, TemplateType.CODE));
        List<SignatureConfig> signatures = List.of(new SignatureConfig(3, "CMPPGW"));
        store.seed(templates, signatures, NOW);
        store.seed(templates, signatures, NOW.plusSeconds(5));

        assertThat(store.templates()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(7);
            assertThat(t.shared()).isTrue();
            assertThat(t.status()).isEqualTo(ReviewStatus.APPROVED);
            assertThat(t.updatedAt()).isEqualTo(NOW);
            assertThat(t.ttl()).isEqualTo(TemplateConfig.DEFAULT_TTL);
        });
        assertThat(store.signatures()).singleElement().satisfies(s -> assertThat(s.text()).isEqualTo("CMPPGW"));

        store.seed(List.of(new TemplateConfig(7, "Hi {{name}}", false, TemplateType.CODE)),
            List.of(new SignatureConfig(3, "NEWNAME")), NOW.plusSeconds(9));
        assertThat(store.template(7)).get().satisfies(t -> {
            assertThat(t.content()).isEqualTo("Hi {{name}}");
            assertThat(t.status()).isEqualTo(ReviewStatus.PENDING);
        });
        assertThat(store.signature(3)).get().satisfies(s -> assertThat(s.text()).isEqualTo("NEWNAME"));
    }

    @Test
    void sharedRowsLeftOutOfTheConfigurationAreDeletedAndAppsRowsKept() {
        List<TemplateConfig> both = List.of(new TemplateConfig(1, "a", true, TemplateType.NOTIFICATION),
            new TemplateConfig(2, "b", true, TemplateType.NOTIFICATION));
        store.seed(both, List.of(new SignatureConfig(1, "AB"), new SignatureConfig(2, "CD")), NOW);
        long own = store.insertTemplate("app-1", notification("mine"), NOW);
        store.seed(List.of(new TemplateConfig(2, "b", true, TemplateType.NOTIFICATION)),
            List.of(new SignatureConfig(1, "AB")), NOW);
        assertThat(store.templates()).extracting(StoredTemplate::id).containsExactlyInAnyOrder(2L, own);
        assertThat(store.signatures()).extracting(StoredSignature::id).containsExactly(1L);
    }

    @Test
    void newIdsNeverCollideWithSeededOnes() {
        store.seed(List.of(new TemplateConfig(1, "a", true, TemplateType.NOTIFICATION),
            new TemplateConfig(2, "b", true, TemplateType.NOTIFICATION)), List.of(new SignatureConfig(1, "AB")), NOW);
        long template = store.insertTemplate("app", notification("c"), NOW);
        Outcome<Long> signature = store.insertSignature("app", new NewSignature("CD", 1, "", List.of()), NOW);
        assertThat(template).isGreaterThan(2);
        assertThat(signature.value()).isGreaterThan(1);
    }

    @Test
    void seedingAnIdAnAppTookStopsTheStart() {
        long id = store.insertTemplate("app-1", notification("mine"), NOW);
        assertThatThrownBy(() -> store.seed(List.of(new TemplateConfig((int) id, "x", true,
            TemplateType.NOTIFICATION)), List.of(), NOW))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("templates[0].id: " + id)
            .hasMessageContaining("app-1");
    }

    @Test
    void onlyARejectedTemplateOfTheAppIsUpdated() {
        long id = store.insertTemplate("app-1", notification("one"), NOW);
        assertThat(store.updateRejectedTemplate("app-1", id, notification("two"), NOW)).isFalse();
        store.review(CatalogStore.Subject.TEMPLATE, id, false, "no", NOW, app -> null, 1);
        assertThat(store.updateRejectedTemplate("app-2", id, notification("two"), NOW)).isFalse();
        assertThat(store.updateRejectedTemplate("app-1", id, notification("two"), NOW.plusSeconds(1))).isTrue();
        StoredTemplate t = store.template(id).orElseThrow();
        assertThat(t.content()).isEqualTo("two");
        assertThat(t.status()).isEqualTo(ReviewStatus.PENDING);
        assertThat(t.reason()).isEmpty();
        assertThat(store.deleteTemplate("app-2", id)).isFalse();
        assertThat(store.deleteTemplate("app-1", id)).isTrue();
        assertThat(store.template(id)).isEmpty();
    }

    @Test
    void aReviewWritesTheDecisionItsEventAndItsCallbackInOneGo() throws SQLException {
        long id = store.insertTemplate("app-1", notification("one"), NOW);
        Outcome<ReviewOutcome> review = store.review(CatalogStore.Subject.TEMPLATE, id, false, "too vague",
            NOW.plusSeconds(60), app -> "http://127.0.0.1:9/cb", 4242);
        assertThat(review.isOk()).isTrue();
        assertThat(review.value().type()).isEqualTo(CallbackType.SMS_TEMPLATE);
        assertThat(review.value().status()).isEqualTo(ReviewStatus.REJECTED);
        assertThat(store.template(id).orElseThrow().reason()).isEqualTo("too vague");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT id, kind, app_key, url, ref_id, due_at, attempts"
                 + " FROM callback_outbox")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).isEqualTo(4242);
            assertThat(row.getInt(2)).isEqualTo(CallbackType.SMS_TEMPLATE.code());
            assertThat(row.getString(3)).isEqualTo("app-1");
            assertThat(row.getString(4)).isEqualTo("http://127.0.0.1:9/cb");
            assertThat(row.getLong(5)).isEqualTo(review.value().eventId());
            assertThat(row.getLong(6)).isEqualTo(NOW.plusSeconds(60).toEpochMilli());
            assertThat(row.getInt(7)).isZero();
            assertThat(row.next()).isFalse();
        }
        Outcome<ReviewOutcome> again = store.review(CatalogStore.Subject.TEMPLATE, id, true, "", NOW, a -> null, 1);
        assertThat(again.error()).isEqualTo(ApiError.NOT_PENDING);
        assertThat(store.review(CatalogStore.Subject.TEMPLATE, 999_999, true, "", NOW, a -> null, 1).error())
            .isEqualTo(ApiError.INVALID_TEMP_ID);
    }

    @Test
    void sharedRowsAreNeverReviewed() {
        store.seed(List.of(new TemplateConfig(1, "a", false, TemplateType.NOTIFICATION)), List.of(), NOW);
        assertThat(store.review(CatalogStore.Subject.TEMPLATE, 1, true, "", NOW, a -> null, 1).error())
            .isEqualTo(ApiError.INVALID_TEMP_ID);
    }

    @Test
    void signaturesKeepTheirImagesAndOnePendingPerApp() {
        NewSignature first = new NewSignature("Acme", 5, "trademark",
            List.of(new SignatureImage("image/png", PNG), new SignatureImage("image/png", new byte[] {
                (byte) 0x89, 'P', 'N', 'G', 9, 9, 9, 9})));
        long id = store.insertSignature("app-1", first, NOW).value();
        StoredSignature stored = store.signature(id).orElseThrow();
        assertThat(stored.images()).isEqualTo(2);
        assertThat(stored.type()).isEqualTo(5);
        assertThat(store.images(id)).containsExactlyElementsOf(first.images());

        assertThat(store.insertSignature("app-1", new NewSignature("Other", 1, "", List.of()), NOW).error())
            .isEqualTo(ApiError.SIGNATURE_IN_REVIEW);
        assertThat(store.insertSignature("app-2", new NewSignature("Other", 1, "", List.of()), NOW).isOk()).isTrue();

        assertThat(store.updateRejectedSignature("app-1", id, first, NOW).error()).isEqualTo(ApiError.INVALID_SIGN_ID);
        store.review(CatalogStore.Subject.SIGNATURE, id, false, "blurred", NOW, a -> null, 1);
        Outcome<Long> modified = store.updateRejectedSignature("app-1", id,
            new NewSignature("Acme2", 1, "", List.of(new SignatureImage("image/png", PNG))), NOW);
        assertThat(modified.isOk()).isTrue();
        assertThat(store.signature(id).orElseThrow().images()).isEqualTo(1);
        assertThat(store.signature(id).orElseThrow().status()).isEqualTo(ReviewStatus.PENDING);

        assertThat(store.deleteSignature("app-2", id)).isFalse();
        assertThat(store.deleteSignature("app-1", id)).isTrue();
        assertThat(store.images(id)).isEmpty();
    }

    /** Issue 12: two nodes creating a signature for one app at once used to store both, or fail one with 500. */
    @Test
    void twoNodesCreatingASignatureForOneAppAtOnceGetOneSuccessAndOne50103() throws Exception {
        HikariDataSource otherPool = DataSources.open(settings);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CatalogStore otherNode = new CatalogStore(otherPool);
            for (int round = 0; round < 25; round++) {
                String app = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Outcome<Long>>> outcomes = new ArrayList<>();
                for (CatalogStore node : List.of(store, otherNode)) {
                    outcomes.add(nodes.submit(() -> {
                        start.await();
                        return node.insertSignature(app, new NewSignature("Sign" + node.hashCode(), 1, "",
                            List.of(new SignatureImage("image/png", PNG))), NOW);
                    }));
                }
                List<ApiError> errors = new ArrayList<>();
                for (Future<Outcome<Long>> f : outcomes) {
                    Outcome<Long> outcome = Await.result("insertSignature", f);
                    errors.add(outcome.isOk() ? null : outcome.error());
                }
                assertThat(errors).as("round %d", round).containsExactlyInAnyOrder(null, ApiError.SIGNATURE_IN_REVIEW);
                assertThat(store.signatures().stream().filter(sig -> sig.appKey().equals(app))).hasSize(1);
            }
        } finally {
            nodes.shutdownNow();
            otherPool.close();
        }
    }

    /** A rejected signature modified on one node while the app creates another on a second: one of them is 50103. */
    @Test
    void modifyingARejectedSignatureRacesACreateOfTheSameAppToOnePending() throws Exception {
        HikariDataSource otherPool = DataSources.open(settings);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CatalogStore otherNode = new CatalogStore(otherPool);
            NewSignature signature = new NewSignature("Acme", 1, "", List.of());
            for (int round = 0; round < 25; round++) {
                String app = "modify-" + round;
                long rejected = store.insertSignature(app, signature, NOW).value();
                store.review(CatalogStore.Subject.SIGNATURE, rejected, false, "blurred", NOW, a -> null, 1);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Outcome<Long>> modify = nodes.submit(() -> {
                    start.await();
                    return store.updateRejectedSignature(app, rejected, signature, NOW);
                });
                Future<Outcome<Long>> create = nodes.submit(() -> {
                    start.await();
                    return otherNode.insertSignature(app, signature, NOW);
                });
                int ok = (Await.result("modify", modify).isOk() ? 1 : 0) + (Await.result("create", create).isOk()
                    ? 1 : 0);
                assertThat(ok).as("round %d", round).isEqualTo(1);
                assertThat(store.signatures().stream().filter(sig -> sig.appKey().equals(app)
                    && sig.status() == ReviewStatus.PENDING)).hasSize(1);
            }
        } finally {
            nodes.shutdownNow();
            otherPool.close();
        }
    }
}
