package org.cmppgw.gateway.api;

import org.cmppgw.gateway.billing.BalanceService;
import org.cmppgw.gateway.catalog.CatalogService;
import org.cmppgw.gateway.clicks.ClickTracking;
import org.cmppgw.gateway.codes.VerificationCodes;
import org.cmppgw.gateway.config.GatewayConfig;
import org.cmppgw.gateway.email.EmailService;
import org.cmppgw.gateway.idempotency.IdempotencyStore;
import org.cmppgw.gateway.intake.MessageIntake;
import org.cmppgw.gateway.intake.rules.AdmissionRules;
import org.cmppgw.gateway.persistence.ReportPulls;
import org.cmppgw.gateway.persistence.Withdrawals;
import org.cmppgw.gateway.policy.PolicyService;
import org.cmppgw.gateway.schedule.ScheduledSends;
import org.cmppgw.gateway.users.UserService;

import java.util.Objects;

/**
 * What the API's routes are built on. The intake and the admission rules are always there; a route whose service is
 * absent (null) is not served, so tests of one part need not build the others.
 *
 * @param intake  where admitted messages go
 * @param rules   the admission rules checked on the event loop (the store applies the per-mobile ones)
 * @param pulls   {@code GET /v1/report} and {@code GET /v1/reply}, or null
 * @param codes   {@code /v1/codes}, or null
 * @param catalog the templates and signatures apps manage, reviewed by operators ({@code /v1/templates},
 *                {@code /v1/sign}, {@code /operator/v1}); null: the configuration's templates and signatures only
 * @param schedules {@code /v1/schedule}, or null
 * @param balances {@code /v1/accounts/app}, {@code /v1/accounts/dev} and the operator's balance calls, or null
 * @param emails  {@code /v1/emails}, or null (no email provider configured)
 * @param idempotency the sends' {@code Idempotency-Key}s, or null: a request with one is refused (50007)
 * @param users   {@code /v1/users} and {@code /v1/users/messages}, or null
 * @param policies {@code /v1/policies}, or null
 * @param withdrawals {@code DELETE /v1/messages/{msg_id}} and {@code POST /v1/messages/withdraw}, or null
 * @param clicks  the tracking links and {@code track_links} on sends (docs/api.md "Click tracking"), or null (off)
 */
public record ApiServices(MessageIntake intake, AdmissionRules rules, ReportPulls pulls, VerificationCodes codes,
                          CatalogService catalog, ScheduledSends schedules, BalanceService balances,
                          EmailService emails, IdempotencyStore idempotency, UserService users,
                          PolicyService policies, Withdrawals withdrawals, ClickTracking clicks) {
    public ApiServices {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(rules, "rules");
    }

    /** The services without click tracking. */
    public ApiServices(MessageIntake intake, AdmissionRules rules, ReportPulls pulls, VerificationCodes codes,
                       CatalogService catalog, ScheduledSends schedules, BalanceService balances,
                       EmailService emails, IdempotencyStore idempotency, UserService users,
                       PolicyService policies, Withdrawals withdrawals) {
        this(intake, rules, pulls, codes, catalog, schedules, balances, emails, idempotency, users, policies,
            withdrawals, null);
    }

    /** The services without email, {@code Idempotency-Key}s, users, policies and withdrawals. */
    public ApiServices(MessageIntake intake, AdmissionRules rules, ReportPulls pulls, VerificationCodes codes,
                       CatalogService catalog, ScheduledSends schedules, BalanceService balances) {
        this(intake, rules, pulls, codes, catalog, schedules, balances, null, null, null, null, null);
    }

    /** The services without schedules and balances. */
    public ApiServices(MessageIntake intake, AdmissionRules rules, ReportPulls pulls, VerificationCodes codes,
                       CatalogService catalog) {
        this(intake, rules, pulls, codes, catalog, null, null);
    }

    /** The send routes only, with the configuration's admission rules kept in memory. */
    public static ApiServices of(MessageIntake intake, GatewayConfig config) {
        return new ApiServices(intake, AdmissionRules.inMemory(config.admission()), null, null, null, null, null);
    }

    public ApiServices withRules(AdmissionRules value) {
        return new ApiServices(intake, value, pulls, codes, catalog, schedules, balances, emails, idempotency, users,
            policies, withdrawals, clicks);
    }

    public ApiServices withPulls(ReportPulls value) {
        return new ApiServices(intake, rules, value, codes, catalog, schedules, balances, emails, idempotency, users,
            policies, withdrawals, clicks);
    }

    public ApiServices withCodes(VerificationCodes value) {
        return new ApiServices(intake, rules, pulls, value, catalog, schedules, balances, emails, idempotency, users,
            policies, withdrawals, clicks);
    }

    public ApiServices withCatalog(CatalogService value) {
        return new ApiServices(intake, rules, pulls, codes, value, schedules, balances, emails, idempotency, users,
            policies, withdrawals, clicks);
    }

    public ApiServices withSchedules(ScheduledSends value) {
        return new ApiServices(intake, rules, pulls, codes, catalog, value, balances, emails, idempotency, users,
            policies, withdrawals, clicks);
    }

    public ApiServices withBalances(BalanceService value) {
        return new ApiServices(intake, rules, pulls, codes, catalog, schedules, value, emails, idempotency, users,
            policies, withdrawals, clicks);
    }

    public ApiServices withEmails(EmailService value) {
        return new ApiServices(intake, rules, pulls, codes, catalog, schedules, balances, value, idempotency, users,
            policies, withdrawals, clicks);
    }

    public ApiServices withIdempotency(IdempotencyStore value) {
        return new ApiServices(intake, rules, pulls, codes, catalog, schedules, balances, emails, value, users,
            policies, withdrawals, clicks);
    }

    public ApiServices withUsers(UserService value) {
        return new ApiServices(intake, rules, pulls, codes, catalog, schedules, balances, emails, idempotency, value,
            policies, withdrawals, clicks);
    }

    public ApiServices withPolicies(PolicyService value) {
        return new ApiServices(intake, rules, pulls, codes, catalog, schedules, balances, emails, idempotency, users,
            value, withdrawals, clicks);
    }

    public ApiServices withWithdrawals(Withdrawals value) {
        return new ApiServices(intake, rules, pulls, codes, catalog, schedules, balances, emails, idempotency, users,
            policies, value, clicks);
    }

    public ApiServices withClicks(ClickTracking value) {
        return new ApiServices(intake, rules, pulls, codes, catalog, schedules, balances, emails, idempotency, users,
            policies, withdrawals, value);
    }
}
