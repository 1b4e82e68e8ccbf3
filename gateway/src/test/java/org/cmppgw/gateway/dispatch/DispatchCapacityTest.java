package org.cmppgw.gateway.dispatch;

import org.cmppgw.gateway.model.MessagePriority;
import org.cmppgw.gateway.model.Priorities;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatchCapacityTest {
    @Test
    void reservesAllOrNothingAndNeverBeyondTheCapacity() {
        DispatchCapacity capacity = new DispatchCapacity(5);

        assertThat(capacity.tryReserve(3)).isTrue();
        assertThat(capacity.tryReserve(3)).isFalse();
        assertThat(capacity.tryReserve(2)).isTrue();
        assertThat(capacity.tryReserve(1)).isFalse();
        capacity.release(4);
        assertThat(capacity.inUse()).isEqualTo(1);
        assertThat(capacity.tryReserve(4)).isTrue();
    }

    @Test
    void releasingMoreThanReservedIsABug() {
        DispatchCapacity capacity = new DispatchCapacity(5);
        capacity.tryReserve(1);

        assertThatThrownBy(() -> capacity.release(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void prioritiesSurviveTheStoresColumn() {
        for (MessagePriority priority : MessagePriority.values()) {
            assertThat(Priorities.of(Priorities.stored(priority))).isEqualTo(priority);
        }
        assertThat(Priorities.of(9)).isEqualTo(MessagePriority.HIGH);
        assertThat(Priorities.of(0)).isEqualTo(MessagePriority.LOW);
    }
}
