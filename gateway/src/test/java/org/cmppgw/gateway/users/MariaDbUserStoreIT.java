package org.cmppgw.gateway.users;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.persistence.MariaDbTestServer;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.cmppgw.gateway.policy.PolicyRequest;
import org.cmppgw.gateway.policy.PolicyRules;
import org.cmppgw.gateway.policy.PolicyStore;
import org.cmppgw.gateway.policy.SendPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The V18 tables on a real MariaDB: an import of 50,000 users in one transaction, replaced by a second import
 * ({@code ON DUPLICATE KEY UPDATE}), looked up in chunks; a policy's steps stored and read back.
 */
@ExtendWith(MariaDbTestServer.class)
final class MariaDbUserStoreIT {
    private static HikariDataSource open() {
        MariaDbTestServer.Database db = MariaDbTestServer.createDatabase();
        return DataSources.open(DataSourceSettings.of(db.jdbcUrl(), db.username(), db.password()));
    }

    @Test
    void fiftyThousandUsersAreImportedReplacedAndResolved() {
        try (HikariDataSource dataSource = open()) {
            UserStore store = new UserStore(dataSource);
            List<StoredUser> users = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < UserRules.MAX_IMPORT; i++) {
                users.add(new StoredUser("user-" + i, Long.toString(13_900_000_000L + i), "", List.of("a", "b")));
                ids.add("user-" + i);
            }
            store.upsert("app", users, Instant.ofEpochMilli(1));
            store.upsert("app", List.of(new StoredUser("user-7", "", "u7@example.com", List.of())),
                Instant.ofEpochMilli(2));
            assertThat(store.users("app", ids)).hasSize(UserRules.MAX_IMPORT);
            // three ids, padded to four with the last: one unknown, none twice
            assertThat(store.users("app", List.of("user-1", "nobody", "user-2")).keySet())
                .containsExactlyInAnyOrder("user-1", "user-2");
            assertThat(store.user("app", "user-49999").orElseThrow().tags()).containsExactly("a", "b");
            assertThat(store.user("app", "user-7").orElseThrow().email()).isEqualTo("u7@example.com");
            assertThat(store.user("app", "user-7").orElseThrow().mobile()).isEmpty();
            assertThat(store.user("other", "user-7")).isEmpty();
            assertThat(store.delete("app", "user-7")).isTrue();
            assertThat(store.delete("app", "user-7")).isFalse();
        }
    }

    @Test
    void aPolicyIsStoredAndReadBack() {
        try (HikariDataSource dataSource = open()) {
            PolicyStore store = new PolicyStore(dataSource);
            SendPolicy policy = new PolicyRules(true).check(new PolicyRequest("p", List.of(
                new PolicyRequest.Step("sms", null, null), new PolicyRequest.Step("email", "or", List.of(
                    new PolicyRequest.Condition(1, "not_delivered", 5, null),
                    new PolicyRequest.Condition(1, "not_clicked", null, 90)))))).value();
            store.insert("app", 42, policy, Instant.EPOCH);
            PolicyRequest.Step email = store.policy("app", 42).orElseThrow().form().steps().get(1);
            assertThat(email.relation()).isEqualTo("or");
            assertThat(email.conditions().get(1).withinSeconds()).isEqualTo(90);
            assertThat(store.policies("other")).isEmpty();
            assertThat(store.delete("app", 42)).isTrue();
        }
    }
}
