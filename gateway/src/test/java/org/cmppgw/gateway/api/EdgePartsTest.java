package org.cmppgw.gateway.api;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The small parts of the HTTP edge, without a server. */
class EdgePartsTest {

    @Test
    void allowListsMatchAddressesAndCidrBlocksOfEitherFamily() throws UnknownHostException {
        IpAllowList list = IpAllowList.of(List.of("10.1.2.3", "192.168.0.0/16", "172.16.0.0/12", "fd00::/8"));

        assertThat(list.allows(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("10.1.2.4"))).isFalse();
        assertThat(list.allows(InetAddress.getByName("192.168.77.1"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(list.allows(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("fe80::1"))).isFalse();
        assertThat(IpAllowList.of(List.of()).allows(InetAddress.getByName("8.8.8.8"))).isTrue();
    }
}
