package org.cmppgw.gateway.api;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An app's {@code allowedIps}: exact addresses and CIDR blocks, IPv4 and IPv6, matched against the connection's peer
 * address (JSMS 50035). Empty allows everyone. Addresses were validated by the config.
 */
final class IpAllowList {
    private record Block(byte[] network, int prefixBits) {
    }

    private final List<Block> blocks;

    private IpAllowList(List<Block> blocks) {
        this.blocks = blocks;
    }

    static IpAllowList of(List<String> entries) {
        List<Block> blocks = new ArrayList<>(entries.size());
        for (String entry : entries) {
            int slash = entry.indexOf('/');
            byte[] address = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("allowedIps: \"" + entry + "\" (expected: an IP or CIDR block)");
            }
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            blocks.add(new Block(address, bits));
        }
        return new IpAllowList(List.copyOf(blocks));
    }

    boolean allows(InetAddress peer) {
        if (blocks.isEmpty()) {
            return true;
        }
        byte[] address = peer.getAddress();
        for (Block block : blocks) {
            if (matches(block, address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Block block, byte[] address) {
        if (address.length != block.network().length) {
            return false;
        }
        int bits = block.prefixBits();
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != block.network()[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[whole] & mask) == (block.network()[whole] & mask);
    }
}
