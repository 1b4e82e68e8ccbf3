package org.cmppgw.gateway.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * The client a connection's limits are counted against: its IPv4 address, or the /64 network of its IPv6 address
 * (one IPv6 host usually holds a whole /64, so counting single addresses would let it dodge every per-address limit).
 */
final class ClientAddress {
    private static final int IPV6_NETWORK_BYTES = 8;

    private ClientAddress() {
    }

    /** The key of {@code remote}, or null when it is not an IP address (no per-address limit applies then). */
    static InetAddress of(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? of(inet.getAddress()) : null;
    }

    static InetAddress of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        for (int i = IPV6_NETWORK_BYTES; i < bytes.length; i++) {
            bytes[i] = 0;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("api - 16 bytes are always an IPv6 address", e);
        }
    }

    /** How logs name a key: {@code 10.1.2.3} or {@code 2001:db8:0:0:0:0:0:0/64}. */
    static String describe(InetAddress key) {
        if (key == null) {
            return "a non-IP client";
        }
        return key instanceof Inet6Address ? key.getHostAddress() + "/64" : key.getHostAddress();
    }
}
