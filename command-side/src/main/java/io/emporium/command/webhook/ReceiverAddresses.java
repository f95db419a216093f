package io.emporium.command.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The guard against server-side request forgery: a webhook may call only public addresses, unless its network is
 * allowed by configuration. Checked when an endpoint is registered and again before each delivery (a name may resolve
 * elsewhere later).
 */
final class ReceiverAddresses {

    static final int MAX_URL_LENGTH = 2000;

    /** Not on the public internet: this host, private and shared networks, link-local (cloud metadata), multicast, reserved. */
    private static final List<Network> NOT_PUBLIC = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3",
            "::/127", "fc00::/7", "fe80::/10", "ff00::/8").stream().map(Network::of).toList();

    private final List<Network> allowed;

    ReceiverAddresses(List<String> allowedNetworks) {
        this.allowed = allowedNetworks.stream().map(Network::of).toList();
    }

    /** The URL, if it is one a webhook may be sent to. */
    URI check(String url) {
        if (url == null || url.isBlank()) throw new ReceiverRefusedException("A URL is required.");
        if (url.length() > MAX_URL_LENGTH) throw new ReceiverRefusedException("The URL is longer than " + MAX_URL_LENGTH + " characters.");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ReceiverRefusedException("Not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ReceiverRefusedException("Only http and https URLs are called.");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new ReceiverRefusedException("The URL needs a host, and has no user information or fragment.");
        }
        checkAddresses(uri);
        return uri;
    }

    /** Every address the URL's host resolves to must be public or in an allowed network. */
    void checkAddresses(URI uri) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new ReceiverRefusedException("The host " + uri.getHost() + " cannot be resolved.");
        }
        for (InetAddress address : addresses) {
            boolean notPublic = NOT_PUBLIC.stream().anyMatch(n -> n.contains(address));
            if (notPublic && allowed.stream().noneMatch(n -> n.contains(address))) {
                throw new ReceiverRefusedException("The host " + uri.getHost() + " resolves to " + address.getHostAddress()
                        + ", a private, loopback or reserved address, which webhooks do not call (allowed networks:"
                        + " EMPORIUM_WEBHOOKS_ALLOWED_NETWORKS).");
            }
        }
    }

    /** An address range in CIDR notation. */
    record Network(byte[] prefix, int bits) {

        static Network of(String cidr) {
            String[] parts = cidr.trim().split("/", 2);
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (bits < 0 || bits > address.length * 8) throw new IllegalArgumentException("Bad prefix length in " + cidr);
                return new Network(address, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not a network in CIDR notation: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) return false;
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) return false;
            }
            return true;
        }
    }
}
