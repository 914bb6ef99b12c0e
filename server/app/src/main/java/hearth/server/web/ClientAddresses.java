package hearth.server.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who a request came from. Directly, that is the connection's peer; behind reverse proxies the admin names (the
 * {@code trusted-proxies} setting), it is the nearest address in {@code X-Forwarded-For} that is not one of them:
 * each proxy appends the address it was reached from, so entries left of the last untrusted one may be anything a
 * client wrote and are never believed. Rate limits, the request log, sign-up records and visitor counts use it.
 */
public final class ClientAddresses {

    /** Where {@link RequestLog} keeps the resolved address for the rest of the request. */
    static final String KEY = "clientAddress";
    private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** A network: its address bytes and how many leading bits of an address must match them. */
    record Range(byte[] network, int prefix) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }

    public static final ClientAddresses DIRECT = new ClientAddresses(List.of());

    private final List<Range> trusted;

    private ClientAddresses(List<Range> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /**
     * Parses a comma-separated list of addresses and CIDR ranges ({@code 127.0.0.1, 10.0.0.0/8, ::1, fd00::/8}).
     *
     * @throws IllegalArgumentException naming the entry that is not an address or range
     */
    public static ClientAddresses trusting(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String item = entry.strip();
            if (!item.isEmpty()) {
                ranges.add(range(item));
            }
        }
        return new ClientAddresses(ranges);
    }

    private static Range range(String item) {
        int slash = item.indexOf('/');
        String address = slash < 0 ? item : item.substring(0, slash);
        // Only literals: a host name here would be looked up in DNS, and its answer would decide whom to believe.
        InetAddress parsed = LITERAL.matcher(address).matches() ? literal(address) : null;
        if (parsed == null) {
            throw new IllegalArgumentException("'" + item + "' is not an IP address or a range like 10.0.0.0/8");
        }
        int bits = parsed.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(item.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + item + "' has a prefix length outside 0-" + bits);
            }
        }
        return new Range(parsed.getAddress(), prefix);
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The address the request is from, as resolved when it arrived. */
    public static String of(RoutingContext ctx) {
        String resolved = ctx.get(KEY);
        return resolved != null ? resolved : peer(ctx.request());
    }

    /** Resolves the client's address of a request that has just arrived. */
    String resolve(HttpServerRequest request) {
        return resolve(peer(request), request.headers().getAll("X-Forwarded-For"));
    }

    /** The client behind {@code peer}, given the {@code X-Forwarded-For} headers that came with the request. */
    String resolve(String peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || !trusted(peer)) {
            return peer;
        }
        List<String> hops = forwardedFor.stream().flatMap(header -> Arrays.stream(header.split(",")))
                .map(String::strip).filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = LITERAL.matcher(hops.get(i)).matches() ? literal(hops.get(i)) : null;
            if (hop == null) {
                return peer; // garbage a proxy passed on: believe nothing further
            }
            if (!trusted(hop)) {
                return hop.getHostAddress();
            }
        }
        return hops.isEmpty() ? peer : literal(hops.getFirst()).getHostAddress(); // all ours: the first asked
    }

    private boolean trusted(String address) {
        InetAddress parsed = LITERAL.matcher(address).matches() ? literal(address) : null;
        return parsed != null && trusted(parsed);
    }

    private boolean trusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    private static String peer(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "" : remote.hostAddress();
    }
}
