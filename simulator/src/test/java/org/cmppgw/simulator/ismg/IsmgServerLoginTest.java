package org.cmppgw.simulator.ismg;

import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppConnectResp;
import org.cmppgw.cmpp.session.CmppSessionListener;
import org.cmppgw.cmpp.session.client.CmppClient;
import org.cmppgw.cmpp.session.client.CmppClientConfig;
import org.cmppgw.cmpp.session.client.CmppLoginException;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login against a running ISMG over real sockets (docs/cmpp-protocol.md §5, §11.1), with protocol-cmpp's client as the
 * SP.
 */
class IsmgServerLoginTest {
    @RegisterExtension
    final IsmgFixture fixture = new IsmgFixture();

    /** The CONNECT_RESP Status a login with {@code config} gets (0 for a session, which is then closed). */
    private long status(CmppClientConfig config) throws Exception {
        CmppSessionListener ignore = (session, request) -> { };
        try {
            CmppClient.connect(fixture.clientLoops(), config, ignore).get(SpClient.WAIT_SECONDS, TimeUnit.SECONDS)
                .channel().close().await(SpClient.WAIT_SECONDS, TimeUnit.SECONDS);
            return CmppConnectResp.STATUS_OK;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(CmppLoginException.class);
            return ((CmppLoginException) e.getCause()).status();
        }
    }

    private CmppClientConfig.Builder login(String account, String secret) {
        return CmppClientConfig.builder("127.0.0.1", fixture.server().port(), account, secret);
    }

    @Test
    void logsInWith30And20AsTheConnectAsks() throws Exception {
        IsmgServer server = fixture.start(IsmgFixture.config(0));

        SpClient v30 = fixture.connect(CmppVersion.V30);
        SpClient v20 = fixture.connect(CmppVersion.V20);

        assertThat(v30.session().version()).isEqualTo(CmppVersion.V30);
        assertThat(v20.session().version()).isEqualTo(CmppVersion.V20);
        Await.until("two connections registered", () -> server.connections(SpClient.ACCOUNT) == 2);
        assertThat(fixture.registry.get(IsmgMetrics.CONNECTIONS).tags("account", SpClient.ACCOUNT).gauge().value())
            .isEqualTo(2.0);
    }

    @Test
    void wrongSecretGetsStatus3AndAnUnknownAccountStatus2() throws Exception {
        fixture.start(IsmgFixture.config(0));

        assertThat(status(login(SpClient.ACCOUNT, "wrong").build())).isEqualTo(CmppConnectResp.STATUS_AUTH_FAILED);
        assertThat(status(login("999999", SpClient.SECRET).build()))
            .isEqualTo(CmppConnectResp.STATUS_ILLEGAL_SOURCE);
        assertThat(fixture.server().connections(SpClient.ACCOUNT)).isZero();
    }

    @Test
    void loginsBeyondTheConnectionLimitGetStatus5() throws Exception {
        IsmgServer server = fixture.start(IsmgFixture.withAccounts(IsmgFixture.config(0),
            IsmgFixture.demoAccount(2, null, null)));
        fixture.connect(CmppVersion.V30);
        SpClient second = fixture.connect(CmppVersion.V30);

        assertThat(status(login(SpClient.ACCOUNT, SpClient.SECRET).build())).isEqualTo(CmppConnectResp.STATUS_OTHER);

        second.close();
        Await.until("the second connection gone", () -> server.connections(SpClient.ACCOUNT) == 1);
        assertThat(status(login(SpClient.ACCOUNT, SpClient.SECRET).build())).isEqualTo(CmppConnectResp.STATUS_OK);
    }

    @Test
    void anAccountPinnedTo20RefusesA30LoginWithStatus4AndAcceptsTheDowngrade() throws Exception {
        fixture.start(IsmgFixture.withAccounts(IsmgFixture.config(0), IsmgFixture.demoAccount(null, null, "2.0")));

        assertThat(status(login(SpClient.ACCOUNT, SpClient.SECRET).version(CmppVersion.V30).build()))
            .isEqualTo(CmppConnectResp.STATUS_VERSION_TOO_HIGH);
        SpClient downgraded = fixture.connect(login(SpClient.ACCOUNT, SpClient.SECRET).version(CmppVersion.V30)
            .allowDowngrade(true).build());

        assertThat(downgraded.session().version()).isEqualTo(CmppVersion.V20);
    }
}
