package org.cmppgw.simulator.smtp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpFailureTest {
    @Test
    void globsMatchWholeAddressesCaseInsensitively() {
        RecipientRules rules = new RecipientRules(List.of(
            new SmtpFailure("busy-?@example.com", 451, "4.3.0 busy"),
            new SmtpFailure("*@Blocked.Example", 550, null)));

        assertThat(rules.match("busy-1@example.com")).map(SmtpFailure::code).contains(451);
        assertThat(rules.match("busy-12@example.com")).isEmpty();
        assertThat(rules.match("anyone@blocked.example")).map(SmtpFailure::code).contains(550);
        assertThat(rules.match("anyone@blocked.example.org")).isEmpty();
        assertThat(rules.match("a.b+c@example.com")).isEmpty();
    }

    @Test
    void regexCharactersInTheGlobAreLiteral() {
        RecipientRules rules = new RecipientRules(List.of(new SmtpFailure("a.b+c@example.com", 550, "x")));

        assertThat(rules.match("a.b+c@example.com")).isPresent();
        assertThat(rules.match("aXb+c@example.com")).isEmpty();
    }

    @Test
    void parsesTheCommandLineForm() {
        assertThat(SmtpFailure.parse("*@bad.example=550 5.1.1 no such user"))
            .isEqualTo(new SmtpFailure("*@bad.example", 550, "5.1.1 no such user"));
        assertThat(SmtpFailure.parse("x@y=451").text()).isEqualTo("4.3.0 try again later");
        assertThatThrownBy(() -> SmtpFailure.parse("x@y=250 ok")).hasMessageStartingWith("--fail: x@y=250 ok");
    }

    @Test
    void codesOutsideFourAndFiveHundredAreRejected() {
        assertThatThrownBy(() -> new SmtpFailure("a@b", 250, "ok")).hasMessage("code: 250 (expected: 400..599)");
    }

    @Test
    void userToStringHidesThePassword() {
        SmtpUser user = SmtpUser.parse("gw:s3cret:with-colon");

        assertThat(user.password()).isEqualTo("s3cret:with-colon");
        assertThat(user.toString()).doesNotContain("s3cret");
    }
}
