package org.cmppgw.gateway.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.codes.CodeCheck;
import org.cmppgw.gateway.codes.CodeGenerator;
import org.cmppgw.gateway.codes.CodeHasher;
import org.cmppgw.gateway.codes.StoredCode;
import org.cmppgw.gateway.codes.VerificationCodes;
import org.cmppgw.gateway.persistence.SqlCount;
import org.cmppgw.testing.Await;
import org.cmppgw.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verification codes on a real database ({@link JdbcCodeStore} + {@link VerificationCodes}), H2 and MariaDB: every
 * answer of a check, its boundaries (expiry instant, guess limit), a restart, two stores checking one code at once,
 * and the sweep of expired rows.
 */
abstract class CodeStoreContract {
    static final String APP = "app-1";
    static final int MAX_GUESSES = 3;
    static final Duration TTL = Duration.ofSeconds(60);

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    final SecureRandom random = new SecureRandom();
    private final List<AutoCloseable> opened = new ArrayList<>();
    DataSourceSettings database;
    HikariDataSource dataSource;
    JdbcCodeStore store;
    VerificationCodes codes;

    abstract DataSourceSettings newDatabase() throws Exception;

    @BeforeEach
    final void open() throws Exception {
        database = newDatabase();
        dataSource = DataSources.open(database);
        opened.add(dataSource);
        store = newStore(dataSource);
        codes = codesOn(store, "key-1");
    }

    @AfterEach
    final void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    JdbcCodeStore newStore(HikariDataSource ds) {
        JdbcCodeStore s = new JdbcCodeStore(ds, 2, 100);
        opened.add(s);
        return s;
    }

    VerificationCodes codesOn(JdbcCodeStore s, String key) {
        return new VerificationCodes(s, new CodeGenerator(random, 6), new CodeHasher(key, random), MAX_GUESSES, clock);
    }

    void issue(long msgId, String code) {
        Await.result("save", codes.save(msgId, APP, code, clock.instant().plus(TTL)));
    }

    CodeCheck check(VerificationCodes on, long msgId, String code) {
        return Await.result("check", on.check(APP, msgId, code));
    }

    CodeCheck check(long msgId, String code) {
        return check(codes, msgId, code);
    }

    @Test
    void storesOnlyASaltedHashNeverTheCode() {
        issue(1, "123456");
        StoredCode stored = Await.result("find", store.find(1)).orElseThrow();
        assertEquals(APP, stored.appKey());
        assertEquals(clock.instant().plus(TTL), stored.expiresAt());
        assertEquals(1, SqlCount.of(dataSource, "SELECT COUNT(*) FROM verification_code"));
        assertEquals(32, stored.hash().hash().length);
        assertFalse(new CodeHasher("", random).matches(stored.hash(), "123456"), "keyed: the salt alone is not enough");
        issue(2, "123456");
        StoredCode other = Await.result("find", store.find(2)).orElseThrow();
        assertFalse(Arrays.equals(stored.hash().hash(), other.hash().hash()), "same code, other salt");
    }

    @Test
    void rightCodeIsValidOnceThenVerified() {
        issue(10, "042042");
        assertEquals(CodeCheck.VALID, check(10, "042042"));
        assertEquals(CodeCheck.VERIFIED, check(10, "042042"));
        assertEquals(CodeCheck.VERIFIED, check(10, "999999"));
        assertNotNull(Await.result("find", store.find(10)).orElseThrow().verifiedAt());
    }

    @Test
    void wrongCodesCountUntilTheCodeIsDead() {
        issue(11, "111111");
        for (int i = 1; i < MAX_GUESSES; i++) {
            assertEquals(CodeCheck.INVALID, check(11, "000000"));
        }
        assertEquals(MAX_GUESSES - 1, Await.result("find", store.find(11)).orElseThrow().failedTries());
        assertEquals(CodeCheck.INVALID, check(11, "000000"), "the last allowed wrong guess");
        assertEquals(CodeCheck.INVALID, check(11, "111111"), "dead: even the right code");
    }

    @Test
    void rightCodeJustBeforeTheLimitIsValid() {
        issue(12, "222222");
        for (int i = 1; i < MAX_GUESSES; i++) {
            assertEquals(CodeCheck.INVALID, check(12, "000000"));
        }
        assertEquals(CodeCheck.VALID, check(12, "222222"));
    }

    @Test
    void expiresAtAcceptTimePlusTtl() {
        issue(13, "333333");
        issue(14, "444444");
        clock.advance(TTL.minusMillis(1));
        assertEquals(CodeCheck.VALID, check(13, "333333"), "1 ms before expiry");
        clock.advance(Duration.ofMillis(1));
        assertEquals(CodeCheck.EXPIRED, check(14, "444444"), "at the expiry instant");
        assertEquals(CodeCheck.VERIFIED, check(13, "333333"), "verified stays verified after expiry");
    }

    @Test
    void anotherAppsOrAnUnknownMsgIdIsUnknown() {
        issue(15, "555555");
        assertEquals(CodeCheck.UNKNOWN, Await.result("check", codes.check("app-2", 15, "555555")));
        assertEquals(CodeCheck.UNKNOWN, check(16, "555555"));
        assertEquals(CodeCheck.VALID, check(15, "555555"), "the other app's try did not count");
    }

    @Test
    void survivesARestartWithTheSameKeyOnly() {
        issue(17, "777777");
        issue(18, "888888");
        dataSource.close();
        HikariDataSource reopened = DataSources.open(database);
        opened.add(reopened);
        VerificationCodes restarted = codesOn(newStore(reopened), "key-1");
        assertEquals(CodeCheck.VALID, check(restarted, 17, "777777"));
        VerificationCodes otherKey = codesOn(newStore(reopened), "key-2");
        assertEquals(CodeCheck.INVALID, check(otherKey, 18, "888888"), "the hash key is part of the hash");
    }

    @Test
    void twoNodesCheckingOneCodeAtOnceGiveOneValid() {
        VerificationCodes node2 = codesOn(newStore(dataSource), "key-1");
        for (long msgId = 100; msgId < 120; msgId++) {
            issue(msgId, "606060");
            CompletableFuture<CodeCheck> a = codes.check(APP, msgId, "606060");
            CompletableFuture<CodeCheck> b = node2.check(APP, msgId, "606060");
            List<CodeCheck> both = List.of(Await.result("a", a), Await.result("b", b));
            assertEquals(1, both.stream().filter(c -> c == CodeCheck.VALID).count(), "msg " + msgId + ": " + both);
            assertTrue(both.contains(CodeCheck.VERIFIED), "msg " + msgId + ": " + both);
        }
    }

    @Test
    void sweepDeletesOnlyRowsExpiredBeforeTheCutoff() {
        issue(20, "101010");
        clock.advance(Duration.ofSeconds(30));
        issue(21, "202020");
        Instant firstExpiry = clock.instant().minusSeconds(30).plus(TTL);
        assertEquals(0, store.deleteExpired(firstExpiry), "expiring at the cutoff is kept");
        assertEquals(1, store.deleteExpired(firstExpiry.plusMillis(1)));
        assertTrue(Await.result("find", store.find(20)).isEmpty());
        assertTrue(Await.result("find", store.find(21)).isPresent());
    }

    @Test
    void hashRoundTripsBytesExactly() {
        issue(30, "303030");
        StoredCode stored = Await.result("find", store.find(30)).orElseThrow();
        assertEquals(16, stored.hash().salt().length);
        assertArrayEquals(stored.hash().hash(), Await.result("again", store.find(30)).orElseThrow().hash().hash());
        assertTrue(new CodeHasher("key-1", random).matches(stored.hash(), "303030"));
    }
}
