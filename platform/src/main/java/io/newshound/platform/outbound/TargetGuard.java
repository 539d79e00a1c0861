package io.newshound.platform.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps requests a service makes on a user's behalf (webhooks, feed polls) away from internal networks: a target must
 * be http(s) without credentials, and its host must resolve to public addresses only (no loopback, link-local, private,
 * carrier-grade NAT, unique-local, multicast or documentation ranges, IPv4 or IPv6, mapped forms included), unless the
 * host is explicitly allowed by name. Refusals say why without revealing anything about what listens at the address.
 *
 * <p>
 * Check every hop: the target when it is registered, and each request (every redirect included) right before it is
 * made, since DNS answers change.
 */
public final class TargetGuard {

    /** Looks up every address of a host name. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Thrown when a target may not be called; the message says why, for the user who named it. */
    public static class RefusedTarget extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedTarget(String reason) {
            super(reason);
        }
    }

    private final Set<String> allowedHosts;
    private final HostResolver resolver;

    /**
     * @param allowedHosts
     *            host names (or literal addresses) let through although they are internal, e.g. for local development
     * @param resolver
     *            DNS; {@code InetAddress::getAllByName} in production
     */
    public TargetGuard(Set<String> allowedHosts, HostResolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** @return a guard using the system's DNS */
    public static TargetGuard withSystemDns(Set<String> allowedHosts) {
        return new TargetGuard(allowedHosts, InetAddress::getAllByName);
    }

    /**
     * Resolves the target's host once and checks every address it resolves to.
     *
     * @return an address to connect to
     * @throws RefusedTarget
     *             when the URL is not http(s), has no host, carries credentials, does not resolve, or resolves to a
     *             non-public address (allowed hosts excepted)
     */
    public InetAddress resolve(URI url) throws RefusedTarget {
        String host = hostOf(url);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedTarget("host " + host + " does not resolve");
        }
        refuseInternal(host, addresses);
        return addresses[0];
    }

    /**
     * The check for registering a target that will be called later: like {@link #resolve(URI)}, except that a host
     * which does not resolve yet is let through (each later call is checked again and refused then if need be).
     *
     * @throws RefusedTarget
     *             when the URL is not http(s), has no host, carries credentials, or resolves to a non-public address
     */
    public void checkForRegistration(URI url) throws RefusedTarget {
        String host = hostOf(url);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return;
        }
        if (addresses != null) {
            refuseInternal(host, addresses);
        }
    }

    private String hostOf(URI url) throws RefusedTarget {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("must be an http or https URL");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedTarget("must name a host");
        }
        if (url.getUserInfo() != null) {
            throw new RefusedTarget("must not carry credentials");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }

    private void refuseInternal(String host, InetAddress[] addresses) throws RefusedTarget {
        if (allowedHosts.contains(host)) {
            return;
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                throw new RefusedTarget("host " + host + " resolves to a non-public address");
            }
        }
    }

    /** @return whether the address is routable on the public internet */
    public static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isPublicV4(new byte[]{b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(new byte[]{b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
            }
            if (isZero(b, 0, 12)) {
                return false; // ::/96 (IPv4-compatible, unspecified, loopback)
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int o1 = b[0] & 0xff;
        int o2 = b[1] & 0xff;
        int o3 = b[2] & 0xff;
        return !(o1 == 0 || o1 == 10 || o1 == 127 || o1 >= 224 // this network, private, loopback, multicast+reserved
                || (o1 == 100 && o2 >= 64 && o2 <= 127) // carrier-grade NAT
                || (o1 == 169 && o2 == 254) // link local
                || (o1 == 172 && o2 >= 16 && o2 <= 31) // private
                || (o1 == 192 && o2 == 168) // private
                || (o1 == 192 && o2 == 0 && (o3 == 0 || o3 == 2)) // IETF protocol assignments, TEST-NET-1
                || (o1 == 198 && (o2 == 18 || o2 == 19)) // benchmarking
                || (o1 == 198 && o2 == 51 && o3 == 100) // TEST-NET-2
                || (o1 == 203 && o2 == 0 && o3 == 113)); // TEST-NET-3
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
