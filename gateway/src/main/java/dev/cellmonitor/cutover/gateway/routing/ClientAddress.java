package dev.cellmonitor.cutover.gateway.routing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address of the client behind any trusted proxies: the peer address, unless the peer is a trusted proxy,
 * in which case {@code X-Forwarded-For} is walked from the right, skipping trusted proxies, and the first
 * untrusted hop is the client (entries further left could have been written by the client itself).
 */
final class ClientAddress {

    private final List<IpSubnetFilterRule> trusted;

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(ClientAddress::rule).toList();
    }

    private static IpSubnetFilterRule rule(String cidr) {
        String[] parts = cidr.trim().split("/");
        try {
            InetAddress address = InetAddress.getByName(parts[0]);
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : address.getAddress().length * 8;
            return new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an address or CIDR block: " + cidr, e);
        }
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        String peerHost = peer == null ? "unknown" : hostOf(peer);
        if (peer == null || peer.getAddress() == null || !isTrusted(peer.getAddress())) {
            return peerHost;
        }
        List<String> forwarded = request.getHeaders().get("X-Forwarded-For");
        if (forwarded == null || forwarded.isEmpty()) {
            return peerHost;
        }
        String[] hops = String.join(",", forwarded).split(",");
        String leftmost = peerHost;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            leftmost = hop;
            InetAddress address = literal(hop);
            if (address == null || !isTrusted(address)) {
                return hop;
            }
        }
        return leftmost;
    }

    private boolean isTrusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trusted) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** Parses an IP literal without ever doing a DNS lookup; null for anything else. */
    private static InetAddress literal(String hop) {
        String h = hop.startsWith("[") && hop.contains("]") ? hop.substring(1, hop.indexOf(']')) : hop;
        return NetUtil.createInetAddressFromIpAddressString(h);
    }

    private static String hostOf(InetSocketAddress address) {
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
