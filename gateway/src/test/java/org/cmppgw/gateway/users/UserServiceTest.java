package org.cmppgw.gateway.users;

import com.zaxxer.hikari.HikariDataSource;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.persistence.jdbc.DataSourceSettings;
import org.cmppgw.gateway.persistence.jdbc.DataSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The import limit of docs/api.md "Users" on H2: 50,000 users in one call are stored, one more is refused. */
final class UserServiceTest {
    @TempDir
    Path dir;
    HikariDataSource dataSource;
    UserService users;

    @BeforeEach
    void open() {
        dataSource = DataSources.open(DataSourceSettings.of("jdbc:h2:file:" + dir.resolve("gateway"), "", ""));
        users = new UserService(new UserStore(dataSource), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        users.close();
        dataSource.close();
    }

    private static UserImport users(int count) {
        List<UserRequest> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new UserRequest("user-" + i, Long.toString(13_900_000_000L + i), null, List.of("t")));
        }
        return new UserImport(list);
    }

    @Test
    void fiftyThousandUsersAreImportedInOneCallAndOneMoreIsRefused() {
        Outcome<ImportResult> imported = users.importUsers("app", users(UserRules.MAX_IMPORT)).join();
        assertThat(imported.value().imported()).isEqualTo(50_000);
        assertThat(imported.value().failures()).isEmpty();
        assertThat(users.resolve("app", List.of("user-0", "user-49999", "user-50000")).join().value())
            .containsOnlyKeys("user-0", "user-49999");
        assertThat(users.user("app", "user-49999").join().value().mobile()).isEqualTo("13900049999");
        assertThat(users.user("other", "user-1").join().error()).isEqualTo(ApiError.USER_NOT_FOUND);

        Outcome<ImportResult> tooMany = users.importUsers("app", users(UserRules.MAX_IMPORT + 1)).join();
        assertThat(tooMany.error()).isEqualTo(ApiError.TOO_MANY_USERS);
    }
}
