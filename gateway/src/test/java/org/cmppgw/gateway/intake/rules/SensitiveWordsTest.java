package org.cmppgw.gateway.intake.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SensitiveWordsTest {
    @Test
    void findsAnyWordAnywhereIgnoringCase() {
        SensitiveWords words = SensitiveWords.of(List.of("he", "she", "his", "hers", "赌博"));

        assertThat(words.foundIn("ushers")).isTrue();
        assertThat(words.foundIn("xxSHExx")).isTrue();
        assertThat(words.foundIn("h i s")).isFalse();
        assertThat(words.foundIn("【签名】网上赌博")).isTrue();
        assertThat(words.foundIn("赌")).isFalse();
        assertThat(words.foundIn("")).isFalse();
    }

    @Test
    void aWordInsideAFailedLongerPrefixIsFoundThroughTheFailureLinks() {
        SensitiveWords words = SensitiveWords.of(List.of("abcd", "bce"));

        assertThat(words.foundIn("abce")).as("abc fails at e, bc continues to bce").isTrue();
        assertThat(words.foundIn("abcx")).isFalse();
        assertThat(SensitiveWords.of(List.of("aab")).foundIn("aaab")).isTrue();
    }

    @Test
    void noWordsMatchNothingAndAnEmptyWordIsRefused() {
        assertThat(SensitiveWords.of(List.of()).foundIn("anything")).isFalse();
        assertThatThrownBy(() -> SensitiveWords.of(List.of("ok", "")))
            .hasMessage("words[1]: \"\" (expected: a non-empty word)");
    }
}
