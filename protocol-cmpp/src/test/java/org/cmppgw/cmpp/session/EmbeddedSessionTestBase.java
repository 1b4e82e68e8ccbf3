package org.cmppgw.cmpp.session;

import org.junit.jupiter.api.AfterEach;

/**
 * For tests that drive one {@link EmbeddedSession} per test method: each method assigns {@link #peer}, and the
 * channel is finished after it, so every test checks that no buffer was left behind.
 */
abstract class EmbeddedSessionTestBase {
    EmbeddedSession peer;

    @AfterEach
    final void finishPeer() {
        if (peer != null) {
            peer.finish();
        }
    }
}
