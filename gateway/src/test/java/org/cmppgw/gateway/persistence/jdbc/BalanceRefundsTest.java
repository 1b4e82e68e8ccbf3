package org.cmppgw.gateway.persistence.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which final stats mean the message never reached the carrier, so its parts are refunded. */
class BalanceRefundsTest {
    @Test
    void onlyTheGatewaysOwnFailuresBeforeTheCarrierAreRefunded() {
        assertThat(BalanceRefunds.refundable("GW:EXPIRED")).as("waited in the queue past its time to live").isTrue();
        assertThat(BalanceRefunds.refundable("GW:CONTENT")).as("its text could not be segmented").isTrue();
        assertThat(BalanceRefunds.refundable("GW:UNKNOWN")).as("a part may have been sent").isFalse();
        assertThat(BalanceRefunds.refundable("GW:NOREPORT")).as("every part was submitted").isFalse();
        assertThat(BalanceRefunds.refundable("SR:0013")).as("the carrier refused it").isFalse();
        assertThat(BalanceRefunds.refundable("UNDELIV")).isFalse();
    }
}
