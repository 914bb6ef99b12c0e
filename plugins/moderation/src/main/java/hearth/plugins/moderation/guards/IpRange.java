package hearth.plugins.moderation.guards;

import hearth.api.errors.InvalidInput;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or CIDR range, e.g. {@code 203.0.113.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}.
 * IPv4 addresses written as IPv6 ({@code ::ffff:203.0.113.7}) are the same IPv4 address, so a block on one catches
 * the other.
 *
 * @param network the range's first address, as bytes (4 or 16)
 * @param prefix  how many leading bits must match
 */
public record IpRange(byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    /** Reads an address or range, or throws {@link InvalidInput} on {@code value}. */
    public static IpRange parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = address(address).orElseThrow(() -> new InvalidInput("value",
                "Enter an IPv4 or IPv6 address, or a range such as 198.51.100.0/24 or 2001:db8::/32."));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new InvalidInput("value", "The range's prefix must be a number from 0 to " + bits + ".");
            }
        }
        // The first address of the range: host bits cleared, so 198.51.100.7/24 is 198.51.100.0/24.
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        return new IpRange(bytes, prefix);
    }

    /** An address's bytes, for literals only: a host name would make {@link InetAddress} look it up. */
    static Optional<byte[]> address(String text) {
        if (IPV4.matcher(text).matches()) {
            // Parsed here: an octet over 255 would make InetAddress treat the text as a host name and look it up.
            String[] octets = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(bytes);
        }
        if (!text.contains(":") || !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            InetAddress parsed = InetAddress.getByName(text);
            return Optional.of(parsed.getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether the address (any text; not an address: false) is in the range. */
    public boolean contains(String ip) {
        Optional<byte[]> parsed = address(ip == null ? "" : ip.strip());
        if (parsed.isEmpty() || parsed.get().length != network.length) {
            return false;
        }
        byte[] bytes = parsed.get();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            int mask = (0xFF << (8 - keep)) & 0xFF;
            if ((bytes[i] & mask) != (network[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text, e.g. {@code 198.51.100.0/24}; a single address without its prefix. */
    @Override
    public String toString() {
        try {
            String address = InetAddress.getByAddress(network).getHostAddress();
            return prefix == network.length * 8 ? address : address + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.prefix == prefix
                && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

}
