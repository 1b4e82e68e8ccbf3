package org.cmppgw.gateway.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.gateway.callback.outbox.CallbackFilter;
import org.cmppgw.gateway.model.CallbackType;
import org.cmppgw.gateway.model.Channel;
import org.cmppgw.gateway.model.EmailStatus;
import org.cmppgw.gateway.model.MessageIdGenerator;
import org.cmppgw.gateway.model.MessageStatus;
import org.cmppgw.gateway.persistence.sql.ClaimQuery;
import org.cmppgw.gateway.persistence.sql.Dialect;
import org.cmppgw.gateway.persistence.sql.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The policy runs in the database (V20 migration): {@code policy_run} with its one timer, {@code policy_run_step},
 * and {@code policy_event} with the POLICY_REPORT outbox rows written in the same transaction as what they report.
 * Claims lock with {@code SKIP LOCKED} on MariaDB ({@link ClaimQuery}) and push the timer one lease ahead; a decision
 * is written only while the run still carries exactly its claim ({@link Claim}), so of two nodes (or a node and a
 * withdraw) one wins. Blocking JDBC on the caller's thread: the runner's own thread or the API's store thread.
 */
public final class PolicyRunStore implements PolicyConditions.Deliveries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyRules RULES = new PolicyRules(true);
    private static final String COLUMNS = "run_id, app_key, policy_id, user_id, mobile, email, steps, content,"
        + " callback_url, state, outcome_step, next_step, due_at";
    private static final String INSERT = "INSERT INTO policy_run (" + COLUMNS + ", claimed_by, created_at,"
        + " finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, NULL, ?, 0)";
    private static final String INSERT_STEP = "INSERT INTO policy_run_step (run_id, step, channel, state, message_id,"
        + " decided_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_EVENT = "INSERT INTO policy_event (id, run_id, step, final, outcome, channel,"
        + " message_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String OUTBOX = "INSERT INTO callback_outbox (id, kind, app_key, url, ref_id, created_at,"
        + " due_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0)";
    private static final String CLAIM = "UPDATE policy_run SET claimed_by = ?, due_at = ? WHERE run_id = ?";
    private static final String NEXT = "UPDATE policy_run SET next_step = ?, due_at = ?, claimed_by = NULL"
        + " WHERE run_id = ? AND state = 0 AND claimed_by = ? AND due_at = ?";
    private static final String FINISH = "UPDATE policy_run SET state = ?, outcome_step = ?, claimed_by = NULL,"
        + " finished_at = ? WHERE run_id = ? AND state = 0 AND claimed_by = ? AND due_at = ?";
    private static final String RETRY = "UPDATE policy_run SET due_at = ?, claimed_by = NULL WHERE run_id = ?"
        + " AND state = 0 AND claimed_by = ? AND due_at = ?";
    private static final String WITHDRAW = "UPDATE policy_run SET state = 4, claimed_by = NULL, finished_at = ?"
        + " WHERE run_id = ? AND state = 0";
    private static final String STEPS = "SELECT step, channel, state, message_id, decided_at, reason"
        + " FROM policy_run_step WHERE run_id = ? ORDER BY step";

    /**
     * A run this node claimed: its decision is written only while the run still has this claim.
     *
     * @param run          the run as claimed
     * @param node         the claiming node
     * @param leaseUntil   the timer's value the claim set, its token
     */
    public record Claim(PolicyRun run, int node, long leaseUntil) {
    }

    private final Transactions tx;
    private final ClaimQuery due;
    private final String lockRun;
    private final MessageIdGenerator ids;
    private final CallbackFilter callbacks;

    /**
     * @param ids       ids of events and callback outbox rows (the gateway's generator, so they never collide)
     * @param callbacks which apps take POLICY_REPORT callbacks
     */
    public PolicyRunStore(DataSource dataSource, MessageIdGenerator ids, CallbackFilter callbacks) {
        Dialect dialect = Dialect.of(dataSource);
        this.tx = new Transactions(dataSource, "policy runs");
        this.due = new ClaimQuery(dialect, COLUMNS, "policy_run", "run_id", "state = 0 AND due_at <= ?", 1,
            "state, due_at, run_id");
        this.lockRun = "SELECT " + COLUMNS + " FROM policy_run WHERE run_id = ?" + dialect.messageLock();
        this.ids = ids;
        this.callbacks = callbacks;
    }

    /** Stores new runs with their decided first step and its POLICY_REPORT, in the caller's transaction. */
    public void insert(Connection c, List<PolicyRun> runs, long nowMillis) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (PolicyRun run : runs) {
                insert.setLong(1, run.runId());
                insert.setString(2, run.appKey());
                insert.setLong(3, run.policyId());
                insert.setString(4, run.userId());
                insert.setString(5, run.mobile());
                insert.setString(6, run.email());
                insert.setString(7, write(PolicyStore.form(run.policy())));
                insert.setString(8, write(run.content()));
                insert.setString(9, run.callbackUrl());
                insert.setInt(10, run.nextStep());
                insert.setLong(11, run.dueAtMillis());
                insert.setLong(12, nowMillis);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        for (PolicyRun run : runs) {
            for (RunStep step : run.steps()) {
                step(c, run, step);
            }
        }
    }

    /** Stores new runs in a transaction of their own (their first step sent nothing). */
    public void insert(List<PolicyRun> runs, long nowMillis) {
        tx.run("creating " + runs.size() + " runs", c -> {
            insert(c, runs, nowMillis);
            return null;
        });
    }

    /** Claims up to {@code max} runs whose timer is due (or whose claim's lease ran out) for {@code node}. */
    public List<Claim> claimDue(long nowMillis, int max, int node, long leaseMillis) {
        return tx.run("claiming due runs", c -> {
            List<PolicyRun> found = new ArrayList<>();
            due.forEach(c, (s, i) -> s.setLong(i, nowMillis), max, row -> found.add(read(row)));
            List<Claim> claims = new ArrayList<>(found.size());
            long until = nowMillis + leaseMillis;
            try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                for (PolicyRun run : found) {
                    claim.setInt(1, node);
                    claim.setLong(2, until);
                    claim.setLong(3, run.runId());
                    claim.addBatch();
                    claims.add(new Claim(withSteps(c, run), node, until));
                }
                claim.executeBatch();
            }
            return claims;
        });
    }

    /**
     * Records a decided step and sets the timer for the next decision, in the caller's transaction (the one storing
     * the step's message, if it sent one); false, with nothing written, when the claim is lost.
     */
    public boolean next(Connection c, Claim claim, RunStep decided, int nextStep, long dueAtMillis)
            throws SQLException {
        try (PreparedStatement next = c.prepareStatement(NEXT)) {
            next.setInt(1, nextStep);
            next.setLong(2, dueAtMillis);
            next.setLong(3, claim.run().runId());
            next.setInt(4, claim.node());
            next.setLong(5, claim.leaseUntil());
            if (next.executeUpdate() == 0) {
                return false;
            }
        }
        step(c, claim.run(), decided);
        return true;
    }

    /** As {@link #next(Connection, Claim, RunStep, int, long)}, in a transaction of its own. */
    public boolean next(Claim claim, RunStep decided, int nextStep, long dueAtMillis) {
        return tx.run("deciding run " + claim.run().runId(), c -> next(c, claim, decided, nextStep, dueAtMillis));
    }

    /**
     * Ends a run with its final outcome: the remaining steps are recorded (not needed), each reported, then the run's
     * outcome; false, with nothing written, when the claim is lost.
     */
    public boolean finish(Claim claim, PolicyRun.State state, int outcomeStep, List<RunStep> remaining,
                          long nowMillis) {
        PolicyRun run = claim.run();
        return tx.run("finishing run " + run.runId(), c -> {
            try (PreparedStatement finish = c.prepareStatement(FINISH)) {
                finish.setInt(1, state.code());
                finish.setInt(2, outcomeStep);
                finish.setLong(3, nowMillis);
                finish.setLong(4, run.runId());
                finish.setInt(5, claim.node());
                finish.setLong(6, claim.leaseUntil());
                if (finish.executeUpdate() == 0) {
                    return false;
                }
            }
            for (RunStep step : remaining) {
                step(c, run, step);
            }
            finalEvent(c, run, state, outcomeStep, nowMillis);
            return true;
        });
    }

    /** Leaves a claimed run to be decided again at {@code atMillis} (its send was refused for now). */
    public void retryAt(Claim claim, long atMillis) {
        tx.run("retrying run " + claim.run().runId(), c -> {
            try (PreparedStatement retry = c.prepareStatement(RETRY)) {
                retry.setLong(1, atMillis);
                retry.setLong(2, claim.run().runId());
                retry.setInt(3, claim.node());
                retry.setLong(4, claim.leaseUntil());
                retry.executeUpdate();
            }
            return null;
        });
    }

    /** A run of {@code appKey} with its decided steps; empty when it has none with this id. */
    public Optional<PolicyRun> find(String appKey, long runId) {
        return tx.run("reading run " + runId, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM policy_run"
                + " WHERE run_id = ? AND app_key = ?")) {
                select.setLong(1, runId);
                select.setString(2, appKey);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(withSteps(c, read(row))) : Optional.<PolicyRun>empty();
                }
            }
        });
    }

    /**
     * Withdraws a running run of {@code appKey} (docs/api.md "Send policies"): it ends withdrawn, its steps not yet
     * decided are recorded cancelled, and both are reported. A claim on it is lost, so a step being decided meanwhile
     * stores nothing. Answers the run as it was found (empty: unknown); a run that had ended is left as it was.
     */
    public Optional<PolicyRun> withdraw(String appKey, long runId, long nowMillis) {
        return tx.run("withdrawing run " + runId, c -> {
            PolicyRun run;
            try (PreparedStatement select = c.prepareStatement(lockRun)) {
                select.setLong(1, runId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<PolicyRun>empty();
                    }
                    run = read(row);
                }
            }
            if (!run.appKey().equals(appKey)) {
                return Optional.<PolicyRun>empty();
            }
            run = withSteps(c, run);
            if (run.state() != PolicyRun.State.RUNNING) {
                return Optional.of(run);
            }
            try (PreparedStatement withdraw = c.prepareStatement(WITHDRAW)) {
                withdraw.setLong(1, nowMillis);
                withdraw.setLong(2, runId);
                if (withdraw.executeUpdate() == 0) {
                    // ended meanwhile (H2 locks no row above)
                    return Optional.of(run);
                }
            }
            List<SendPolicy.Step> steps = run.policy().steps();
            for (int k = run.steps().size() + 1; k <= steps.size(); k++) {
                step(c, run, new RunStep(k, steps.get(k - 1).channel(), RunStep.State.CANCELLED, 0, nowMillis, ""));
            }
            finalEvent(c, run, PolicyRun.State.WITHDRAWN, 0, nowMillis);
            return Optional.of(run);
        });
    }

    /** When a message was delivered: a DELIVRD final report, or a mail the receiving server accepted. */
    @Override
    public Optional<Instant> delivered(Channel channel, long messageId) {
        String sql = channel == Channel.SMS ? "SELECT status, final_at FROM message_final WHERE msg_id = ?"
            : "SELECT status, finished_at FROM email_message WHERE id = ?";
        int delivered = channel == Channel.SMS ? MessageStatus.DELIVERED.code() : EmailStatus.DELIVERED.code();
        return tx.run("reading the status of " + messageId, c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setLong(1, messageId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getInt(1) == delivered ? Optional.of(Instant.ofEpochMilli(row.getLong(2)))
                        : Optional.<Instant>empty();
                }
            }
        });
    }

    private void step(Connection c, PolicyRun run, RunStep step) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_STEP)) {
            insert.setLong(1, run.runId());
            insert.setInt(2, step.step());
            insert.setInt(3, step.channel().ordinal());
            insert.setInt(4, step.state().code());
            insert.setLong(5, step.messageId());
            insert.setLong(6, step.decidedAtMillis());
            insert.setString(7, clip(step.reason()));
            insert.executeUpdate();
        }
        event(c, run, step.step(), false, step.state().label(), lower(step.channel()), step.messageId(),
            step.reason(), step.decidedAtMillis());
    }

    private void finalEvent(Connection c, PolicyRun run, PolicyRun.State state, int outcomeStep, long nowMillis)
            throws SQLException {
        String channel = outcomeStep == 0 ? "" : lower(run.policy().steps().get(outcomeStep - 1).channel());
        long messageId = 0;
        for (RunStep step : run.steps()) {
            if (step.step() == outcomeStep) {
                messageId = step.messageId();
            }
        }
        event(c, run, outcomeStep, true, state.label(), channel, messageId, "", nowMillis);
    }

    private void event(Connection c, PolicyRun run, int step, boolean last, String outcome, String channel,
                       long messageId, String reason, long nowMillis) throws SQLException {
        long eventId = ids.next();
        try (PreparedStatement insert = c.prepareStatement(INSERT_EVENT)) {
            insert.setLong(1, eventId);
            insert.setLong(2, run.runId());
            insert.setInt(3, step);
            insert.setInt(4, last ? 1 : 0);
            insert.setString(5, outcome);
            insert.setString(6, channel);
            insert.setLong(7, messageId);
            insert.setString(8, clip(reason));
            insert.setLong(9, nowMillis);
            insert.executeUpdate();
        }
        if (run.callbackUrl().isEmpty() || !callbacks.calls(run.appKey(), CallbackType.POLICY_REPORT)) {
            return;
        }
        try (PreparedStatement outbox = c.prepareStatement(OUTBOX)) {
            outbox.setLong(1, ids.next());
            outbox.setInt(2, CallbackType.POLICY_REPORT.code());
            outbox.setString(3, run.appKey());
            outbox.setString(4, run.callbackUrl());
            outbox.setLong(5, eventId);
            outbox.setLong(6, nowMillis);
            outbox.setLong(7, nowMillis);
            outbox.executeUpdate();
        }
    }

    private static PolicyRun read(ResultSet row) throws SQLException {
        PolicyRequest form = read(row.getString(7), PolicyRequest.class);
        SendPolicy policy = RULES.check(new PolicyRequest("run", form.steps())).value();
        return new PolicyRun(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), row.getString(5),
            row.getString(6), policy, read(row.getString(8), RunContent.class), row.getString(9),
            PolicyRun.State.of(row.getInt(10)), row.getInt(11), row.getInt(12), row.getLong(13), List.of());
    }

    private static PolicyRun withSteps(Connection c, PolicyRun run) throws SQLException {
        List<RunStep> steps = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(STEPS)) {
            select.setLong(1, run.runId());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    steps.add(new RunStep(row.getInt(1), SendPolicy.Channel.values()[row.getInt(2)],
                        RunStep.State.of(row.getInt(3)), row.getLong(4), row.getLong(5), row.getString(6)));
                }
            }
        }
        return new PolicyRun(run.runId(), run.appKey(), run.policyId(), run.userId(), run.mobile(), run.email(),
            run.policy(), run.content(), run.callbackUrl(), run.state(), run.outcomeStep(), run.nextStep(),
            run.dueAtMillis(), steps);
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String clip(String reason) {
        return reason.length() <= 300 ? reason : reason.substring(0, 300);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy runs - cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy runs - stored " + type.getSimpleName() + " unreadable ("
                + e.getMessage() + ")", e);
        }
    }
}
