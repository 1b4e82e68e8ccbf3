package org.cmppgw.gateway.provider.cmpp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionLifeTest {
    @Test
    void anAnswerProvesLifeSinceItsSubmitWasSentNotSinceItArrived() {
        SessionLife life = new SessionLife();
        life.up(100);
        assertThat(life.aliveSince()).isEqualTo(100);

        // another session's part is lost at 1,000; this one reads, after that, the answer to a SUBMIT sent at 900
        LostParts lost = new LostParts();
        lost.add(LostPartsTest.part(1), 1_000);
        life.answered(900);
        assertThat(lost.pollFor(life.aliveSince())).as("written before the loss was noticed: maybe dead").isNull();

        life.answered(1_050);
        assertThat(life.aliveSince()).isEqualTo(1_050);
        assertThat(lost.pollFor(life.aliveSince())).isNotNull();

        life.answered(1_020);
        assertThat(life.aliveSince()).as("answers may come out of order: the latest send counts").isEqualTo(1_050);
    }

    @Test
    void aNewLoginStartsAfresh() {
        SessionLife life = new SessionLife();
        life.up(100);
        life.answered(500);
        life.up(2_000);

        assertThat(life.aliveSince()).isEqualTo(2_000);
        life.answered(1_900);
        assertThat(life.aliveSince()).as("sent before this login").isEqualTo(2_000);
    }
}
