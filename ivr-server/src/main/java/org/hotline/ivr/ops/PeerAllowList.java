package org.hotline.ivr.ops;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ipfilter.AbstractRemoteAddressFilter;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which peers may open a call connection (Asterisk hosts only); others are closed with one log line. */
public final class PeerAllowList {

    private static final Logger log = LoggerFactory.getLogger(PeerAllowList.class);

    private final List<IpSubnetFilterRule> rules;

    public PeerAllowList(List<String> cidrs) {
        this.rules = cidrs.stream().map(PeerAllowList::rule).toList();
    }

    public boolean allows(InetSocketAddress peer) {
        return rules.stream().anyMatch(rule -> rule.matches(peer));
    }

    /** A handler for one connection; {@code onReject} counts the refusal. */
    public ChannelHandler filter(String protocol, Runnable onReject) {
        return new AbstractRemoteAddressFilter<InetSocketAddress>() {
            @Override
            protected boolean accept(ChannelHandlerContext ctx, InetSocketAddress peer) {
                return allows(peer);
            }

            @Override
            protected io.netty.channel.ChannelFuture channelRejected(ChannelHandlerContext ctx, InetSocketAddress peer) {
                log.warn("{} connection from {} refused: not in allowedPeers", protocol, peer.getAddress().getHostAddress());
                onReject.run();
                return null;
            }
        };
    }

    private static IpSubnetFilterRule rule(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        int bits = slash < 0 ? (address.contains(":") ? 128 : 32) : Integer.parseInt(cidr.substring(slash + 1));
        return new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT);
    }
}
