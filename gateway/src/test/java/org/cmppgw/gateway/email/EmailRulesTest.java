package org.cmppgw.gateway.email;

import org.cmppgw.gateway.config.ConfigLoader;
import org.cmppgw.gateway.intake.ApiError;
import org.cmppgw.gateway.intake.AppRules;
import org.cmppgw.gateway.intake.Outcome;
import org.cmppgw.gateway.intake.rules.AdmissionRules;
import org.cmppgw.gateway.intake.rules.AppStanding;
import org.cmppgw.gateway.intake.rules.SensitiveWords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code POST /v1/emails} refuses, each with a JSMS code and a message naming the field (issue 11). */
final class EmailRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final AppRules APP = new AppRules(new ConfigLoader(Map.of())
        .load(Path.of("..", "config", "gateway.yaml"), List.of()).apps().get(0), () -> 0L);
    private final AppStanding standing = AppStanding.inMemory();
    private final EmailRules rules = new EmailRules(Clock.fixed(NOW, ZoneOffset.UTC),
        new AdmissionRules(standing, SensitiveWords.of(List.of("casino"))));

    @AfterEach
    void close() {
        standing.close();
    }

    private static EmailRequest request(List<String> to, String subject, String text, String html) {
        return new EmailRequest(to, null, null, subject, text, html, null, null);
    }

    @Test
    void aGoodRequestIsAdmittedWithEveryField() {
        Outcome<NewEmail> admitted = rules.admit(APP, new EmailRequest(List.of("a@example.com", "b@example.org"),
            List.of("c@example.com"), List.of("d@example.com"), "Hello", "hi", "<p>hi</p>", "Shop", null));
        assertThat(admitted.isOk()).isTrue();
        NewEmail email = admitted.value();
        assertThat(email.to()).containsExactly("a@example.com", "b@example.org");
        assertThat(email.cc()).containsExactly("c@example.com");
        assertThat(email.bcc()).containsExactly("d@example.com");
        assertThat(email.senderName()).isEqualTo("Shop");
        assertThat(email.callbackUrl()).isNotEmpty();
        assertThat(email.acceptedAt()).isEqualTo(NOW);
    }

    @Test
    void recipientsAreRequiredAndBounded() {
        assertRefused(request(null, "s", "t", null), ApiError.RECIPIENTS_EMPTY, "to");
        assertRefused(request(List.of(), "s", "t", null), ApiError.RECIPIENTS_EMPTY, "to");
        List<String> many = new ArrayList<>(Collections.nCopies(EmailRules.MAX_TO + 1, "a@example.com"));
        assertRefused(request(many, "s", "t", null), ApiError.TOO_MANY_RECIPIENTS, "at most 100");
    }

    @Test
    void everyAddressIsCheckedStrictly() {
        for (String bad : List.of("nobody", "a@", "@example.com", "a b@example.com", "Name <a@example.com>",
            "a@example", "a@example.com.", "a@@example.com", "")) {
            assertRefused(request(List.of("ok@example.com", bad), "s", "t", null), ApiError.INVALID_BODY, "to[1]");
        }
        assertRefused(new EmailRequest(List.of("a@example.com"), List.of("bad"), null, "s", "t", null, null, null),
            ApiError.INVALID_BODY, "cc[0]");
        assertRefused(new EmailRequest(List.of("a@example.com"), null, List.of("bad"), "s", "t", null, null, null),
            ApiError.INVALID_BODY, "bcc[0]");
        assertThat(EmailRules.isAddress("first.last+tag@mail.example.co.uk")).isTrue();
    }

    @Test
    void subjectAndABodyAreRequired() {
        assertRefused(request(List.of("a@example.com"), null, "t", null), ApiError.INVALID_BODY, "subject");
        assertRefused(request(List.of("a@example.com"), " ", "t", null), ApiError.INVALID_BODY, "subject");
        assertRefused(request(List.of("a@example.com"), "a\r\nBcc: x@example.com", "t", null), ApiError.INVALID_BODY,
            "subject");
        assertRefused(request(List.of("a@example.com"), "s", null, null), ApiError.INVALID_BODY, "text or html");
        assertRefused(request(List.of("a@example.com"), "s", "", ""), ApiError.INVALID_BODY, "text or html");
        assertThat(rules.admit(APP, request(List.of("a@example.com"), "s", null, "<b>x</b>")).isOk()).isTrue();
    }

    @Test
    void theCallbackUrlMustBeRegistered() {
        assertRefused(new EmailRequest(List.of("a@example.com"), null, null, "s", "t", null, null,
            "http://elsewhere.example/cb"), ApiError.INVALID_BODY, "callback_url");
    }

    @Test
    void aSensitiveWordInTheSubjectOrEitherBodyIsRefusedAsForSms() {
        List<String> to = List.of("a@example.com");
        assertRefused(request(to, "Big CASINO night", "t", null), ApiError.SENSITIVE_WORDS, "");
        assertRefused(request(to, "s", "come to the casino", null), ApiError.SENSITIVE_WORDS, "");
        assertRefused(request(to, "s", null, "<p>Casino</p>"), ApiError.SENSITIVE_WORDS, "");
        assertThat(rules.admit(APP, request(to, "s", "cards", "<p>dice</p>")).isOk()).isTrue();
    }

    @Test
    void aBlacklistedAppOrAFrozenAccountSendsNoEmail() {
        EmailRequest good = request(List.of("a@example.com"), "s", "t", null);
        standing.setBlacklisted(APP.appKey(), true).join();
        assertRefused(good, ApiError.APP_BLACKLISTED, "");
        standing.setBlacklisted(APP.appKey(), false).join();
        assertThat(rules.admit(APP, good).isOk()).isTrue();
        standing.setFrozen(true).join();
        assertRefused(good, ApiError.ACCOUNT_FROZEN, "");
        standing.setFrozen(false).join();
        assertThat(rules.admit(APP, good).isOk()).isTrue();
    }

    private void assertRefused(EmailRequest request, ApiError error, String detail) {
        Outcome<NewEmail> outcome = rules.admit(APP, request);
        assertThat(outcome.isOk()).as(String.valueOf(request)).isFalse();
        assertThat(outcome.error()).isEqualTo(error);
        assertThat(outcome.message()).contains(detail);
    }
}
