package org.cmppgw.gateway.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.gateway.persistence.sql.Transactions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code send_policy} table (V18 migration): a checked policy is written as the JSON of its API form, so what
 * {@code GET} shows is what was accepted. Blocking JDBC, called only from {@link PolicyService}'s thread.
 */
public final class PolicyStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions tx;

    public PolicyStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource, "policies");
    }

    public void insert(String appKey, long policyId, SendPolicy policy, Instant now) {
        String steps = write(form(policy));
        tx.run("creating policy " + policyId, c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO send_policy (policy_id, app_key, name,"
                + " steps, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setLong(1, policyId);
                insert.setString(2, appKey);
                insert.setString(3, policy.name());
                insert.setString(4, steps);
                insert.setLong(5, now.toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The app's policies, oldest first. */
    public List<StoredPolicy> policies(String appKey) {
        return select(appKey, null);
    }

    public Optional<StoredPolicy> policy(String appKey, long policyId) {
        return select(appKey, policyId).stream().findFirst();
    }

    private List<StoredPolicy> select(String appKey, Long policyId) {
        return tx.run("reading policies", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT policy_id, name, steps FROM send_policy"
                + " WHERE app_key = ?" + (policyId == null ? "" : " AND policy_id = ?") + " ORDER BY policy_id")) {
                select.setString(1, appKey);
                if (policyId != null) {
                    select.setLong(2, policyId);
                }
                List<StoredPolicy> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        PolicyRequest steps = read(rows.getString(3));
                        found.add(new StoredPolicy(rows.getLong(1), new PolicyRequest(rows.getString(2),
                            steps.steps())));
                    }
                }
                return found;
            }
        });
    }

    /** Deletes a policy; false when the app has none with this id. */
    public boolean delete(String appKey, long policyId) {
        return tx.run("deleting policy " + policyId, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM send_policy WHERE app_key = ?"
                + " AND policy_id = ?")) {
                delete.setString(1, appKey);
                delete.setLong(2, policyId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** The API form of a checked policy: lower-case names, whole minutes as {@code within_minutes}. */
    static PolicyRequest form(SendPolicy policy) {
        List<PolicyRequest.Step> steps = new ArrayList<>();
        for (SendPolicy.Step step : policy.steps()) {
            List<PolicyRequest.Condition> conditions = new ArrayList<>();
            for (SendPolicy.Condition c : step.conditions()) {
                Duration within = c.within();
                boolean minutes = within.toSecondsPart() == 0;
                conditions.add(new PolicyRequest.Condition(c.step(), lower(c.event()),
                    minutes ? (int) within.toMinutes() : null, minutes ? null : (int) within.toSeconds()));
            }
            steps.add(new PolicyRequest.Step(lower(step.channel()),
                conditions.isEmpty() ? null : lower(step.relation()), conditions.isEmpty() ? null : conditions));
        }
        return new PolicyRequest(policy.name(), steps);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String write(PolicyRequest form) {
        try {
            return JSON.writeValueAsString(new PolicyRequest(null, form.steps()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policies - cannot write steps (" + e.getMessage() + ")", e);
        }
    }

    private static PolicyRequest read(String steps) {
        try {
            return JSON.readValue(steps, PolicyRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policies - stored steps unreadable (" + e.getMessage() + ")", e);
        }
    }
}
