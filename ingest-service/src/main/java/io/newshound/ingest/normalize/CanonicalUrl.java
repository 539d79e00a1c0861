package io.newshound.ingest.normalize;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newshound.ingest.normalize.RejectedUrlException.Reason;

/**
 * The canonical form of an http(s) article URL, so that the same article reached through different links (campaign
 * tags, upper-case hosts, {@code :443}, {@code /a/../b}) gets one identity.
 * <p>
 * Rules, applied in this order:
 * <ol>
 * <li>Surrounding whitespace and embedded tabs and line breaks are removed (they come from copy and paste).</li>
 * <li>Only {@code http} and {@code https} are accepted; the scheme is lower-cased. The scheme itself is kept:
 * {@code http} and {@code https} URLs stay different.</li>
 * <li>User info ({@code user:password@}) is dropped: credentials never belong in a stored link.</li>
 * <li>The host is percent-decoded, converted from IDN to ASCII (punycode), lower-cased and loses a trailing dot; IPv6
 * literals are written in full form. A {@code www.} prefix is kept: it can name a different site.</li>
 * <li>The default port (80 for http, 443 for https) is dropped.</li>
 * <li>The fragment is dropped.</li>
 * <li>Percent-encoding is normalised: escapes of unreserved characters are decoded, other escapes use upper-case hex,
 * characters that are not allowed in the component (spaces, non-ASCII, a stray {@code %}) are UTF-8
 * percent-encoded.</li>
 * <li>Dot segments in the path are resolved (RFC 3986, section 5.2.4); backslashes count as slashes.</li>
 * <li>Trailing-slash policy: an empty path becomes {@code /}; otherwise a trailing slash is kept as given, because
 * servers may treat {@code /a} and {@code /a/} as different resources. Repeated slashes are kept for the same
 * reason.</li>
 * <li>Query: empty parameters, parameters without a name and {@link TrackingParameters tracking parameters} are
 * dropped; the rest are sorted by name, then value (duplicates kept); {@code +} is left as it is. A query that ends up
 * empty is removed with its {@code ?}.</li>
 * </ol>
 * Canonicalisation is idempotent: canonicalising a canonical URL returns it unchanged.
 */
public final class CanonicalUrl {

    /** Longest input accepted, in characters. */
    public static final int MAX_LENGTH = 4096;

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final String PATH_SAFE = "!$&'()*+,;=:@/";
    private static final String QUERY_SAFE = PATH_SAFE + "?";

    private final String value;
    private final String scheme;
    private final String authority;
    private final String path;

    private CanonicalUrl(String scheme, String authority, String path, String query) {
        this.scheme = scheme;
        this.authority = authority;
        this.path = path;
        this.value = scheme + "://" + authority + path + (query.isEmpty() ? "" : "?" + query);
    }

    /**
     * Canonicalises an absolute URL, dropping the {@link TrackingParameters#defaults() default tracking parameters}.
     *
     * @param raw
     *            the URL as found
     * @return its canonical form
     * @throws RejectedUrlException
     *             if it is not an absolute http(s) URL with a valid host and port
     */
    public static CanonicalUrl of(String raw) {
        return of(raw, TrackingParameters.defaults());
    }

    /**
     * Canonicalises an absolute URL.
     *
     * @param raw
     *            the URL as found
     * @param tracking
     *            the query parameters to drop
     * @return its canonical form
     * @throws RejectedUrlException
     *             if it is not an absolute http(s) URL with a valid host and port
     */
    public static CanonicalUrl of(String raw, TrackingParameters tracking) {
        String s = clean(raw);
        Matcher m = SCHEME.matcher(s);
        if (!m.find()) {
            throw new RejectedUrlException(Reason.NOT_ABSOLUTE, "not an absolute URL (no scheme): " + excerpt(s));
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RejectedUrlException(Reason.UNSUPPORTED_SCHEME,
                    "only http and https URLs are accepted, not " + excerpt(scheme) + ": " + excerpt(s));
        }
        int i = m.end();
        while (i < s.length() && (s.charAt(i) == '/' || s.charAt(i) == '\\')) {
            i++;
        }
        int end = i;
        while (end < s.length() && "/\\?#".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String authority = canonicalAuthority(scheme, s.substring(i, end), s);
        String rest = s.substring(end);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        String rawPath = q < 0 ? rest : rest.substring(0, q);
        String rawQuery = q < 0 ? "" : rest.substring(q + 1);
        String path = removeDotSegments(normalizeEscapes(rawPath.replace('\\', '/'), PATH_SAFE));
        return new CanonicalUrl(scheme, authority, path, canonicalQuery(rawQuery, tracking));
    }

    /**
     * Resolves a link found in a document (absolute, scheme-relative, root-relative, path-relative or query-only)
     * against this URL and canonicalises the result.
     *
     * @param reference
     *            the link as written, e.g. {@code ../story.html} or {@code //cdn.example.com/a}
     * @param tracking
     *            the query parameters to drop
     * @return the canonical absolute URL the link points to
     * @throws RejectedUrlException
     *             if the resolved link is not a valid http(s) URL
     */
    public CanonicalUrl resolve(String reference, TrackingParameters tracking) {
        String ref = clean(reference == null ? "" : reference).replace('\\', '/');
        if (SCHEME.matcher(ref).find()) {
            return of(ref, tracking);
        }
        String absolute;
        if (ref.startsWith("//")) {
            absolute = scheme + ":" + ref;
        } else if (ref.startsWith("/")) {
            absolute = scheme + "://" + authority + ref;
        } else if (ref.isEmpty() || ref.startsWith("#")) {
            absolute = value;
        } else if (ref.startsWith("?")) {
            absolute = scheme + "://" + authority + path + ref;
        } else {
            absolute = scheme + "://" + authority + path.substring(0, path.lastIndexOf('/') + 1) + ref;
        }
        return of(absolute, tracking);
    }

    /**
     * @return the canonical URL as a {@link URI} (always valid: every disallowed character is percent-encoded)
     */
    public URI toUri() {
        return URI.create(value);
    }

    /**
     * @return the canonical URL
     */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CanonicalUrl url && url.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    private static String clean(String raw) {
        if (raw == null) {
            throw new RejectedUrlException(Reason.EMPTY, "no URL given");
        }
        String s = raw;
        int from = 0;
        int to = s.length();
        while (from < to && isBlank(s.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        s = s.substring(from, to);
        if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = s.replaceAll("[\\t\\n\\r]", "");
        }
        if (s.isEmpty()) {
            throw new RejectedUrlException(Reason.EMPTY, "no URL given (only whitespace)");
        }
        if (s.length() > MAX_LENGTH) {
            throw new RejectedUrlException(Reason.TOO_LONG,
                    "URL is " + s.length() + " characters long, at most " + MAX_LENGTH + " are accepted");
        }
        return s;
    }

    private static String canonicalAuthority(String scheme, String authority, String whole) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new RejectedUrlException(Reason.INVALID_HOST, "unclosed IPv6 address in " + excerpt(whole));
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new RejectedUrlException(Reason.INVALID_HOST,
                        "unexpected characters after IPv6 address in " + excerpt(whole));
            }
            port = after.isEmpty() ? "" : after.substring(1);
        } else {
            int colon = hostPort.indexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? "" : hostPort.substring(colon + 1);
        }
        String canonicalHost = host.startsWith("[") ? canonicalIpv6(host, whole) : canonicalDomain(host, whole);
        int portNumber = canonicalPort(port, whole);
        int defaultPort = scheme.equals("http") ? 80 : 443;
        return portNumber < 0 || portNumber == defaultPort ? canonicalHost : canonicalHost + ":" + portNumber;
    }

    private static String canonicalIpv6(String host, String whole) {
        String inner = host.substring(1, host.length() - 1);
        if (inner.isEmpty() || !inner.contains(":") || !inner.chars().allMatch(c -> c == ':' || c == '.'
                || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            throw new RejectedUrlException(Reason.INVALID_HOST, "invalid IPv6 address in " + excerpt(whole));
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!(address instanceof Inet6Address)) {
                // an IPv4-mapped literal comes back as IPv4; keep the bracketed form the URL needs
                return "[::ffff:" + address.getHostAddress() + "]";
            }
            return "[" + address.getHostAddress() + "]";
        } catch (UnknownHostException | RuntimeException e) {
            throw new RejectedUrlException(Reason.INVALID_HOST, "invalid IPv6 address in " + excerpt(whole));
        }
    }

    private static String canonicalDomain(String host, String whole) {
        if (host.isEmpty()) {
            throw new RejectedUrlException(Reason.MISSING_HOST, "no host in " + excerpt(whole));
        }
        String decoded = host.indexOf('%') >= 0 ? percentDecodeHost(host, whole) : host;
        String ascii;
        try {
            ascii = IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new RejectedUrlException(Reason.INVALID_HOST,
                    "host is not a valid domain name (" + e.getMessage() + "): " + excerpt(whole));
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new RejectedUrlException(Reason.INVALID_HOST, "host has no valid length: " + excerpt(whole));
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw new RejectedUrlException(Reason.INVALID_HOST,
                        "host has an empty or over-long label: " + excerpt(whole));
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    throw new RejectedUrlException(Reason.INVALID_HOST,
                            "host contains '" + c + "', which no domain name may contain: " + excerpt(whole));
                }
            }
        }
        return ascii;
    }

    private static String percentDecodeHost(String host, String whole) {
        ByteBuffer bytes = ByteBuffer.allocate(host.length() * 4);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '%' && isHex(host, i + 1) && isHex(host, i + 2)) {
                bytes.put((byte) Integer.parseInt(host.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw new RejectedUrlException(Reason.INVALID_HOST, "invalid escape in host: " + excerpt(whole));
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new RejectedUrlException(Reason.INVALID_HOST, "host escapes are not UTF-8: " + excerpt(whole));
        }
    }

    private static int canonicalPort(String port, String whole) {
        if (port.isEmpty()) {
            return -1;
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new RejectedUrlException(Reason.INVALID_PORT, "invalid port " + excerpt(port) + " in "
                    + excerpt(whole));
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw new RejectedUrlException(Reason.INVALID_PORT, "port " + number + " is out of range in "
                    + excerpt(whole));
        }
        return number;
    }

    private static String canonicalQuery(String rawQuery, TrackingParameters tracking) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        record Parameter(String name, String value) {
        }
        List<Parameter> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = normalizeEscapes(eq < 0 ? pair : pair.substring(0, eq), QUERY_SAFE);
            if (name.isEmpty() || tracking.matches(name)) {
                continue;
            }
            kept.add(new Parameter(name, eq < 0 ? null : normalizeEscapes(pair.substring(eq + 1), QUERY_SAFE)));
        }
        kept.sort(Comparator.comparing(Parameter::name)
                .thenComparing(Parameter::value, Comparator.nullsFirst(Comparator.naturalOrder())));
        StringBuilder query = new StringBuilder();
        for (Parameter p : kept) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(p.name());
            if (p.value() != null) {
                query.append('=').append(p.value());
            }
        }
        return query.toString();
    }

    /**
     * Decodes escapes of unreserved characters, upper-cases the hex of all other escapes and percent-encodes (as UTF-8)
     * every character that is neither unreserved nor in {@code safe}.
     */
    private static String normalizeEscapes(String in, String safe) {
        StringBuilder out = new StringBuilder(in.length() + 16);
        int i = 0;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c == '%' && isHex(in, i + 1) && isHex(in, i + 2)) {
                int b = Integer.parseInt(in.substring(i + 1, i + 3), 16);
                if (isUnreserved(b)) {
                    out.append((char) b);
                } else {
                    out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
                }
                i += 3;
            } else if (c < 0x80 && (isUnreserved(c) || safe.indexOf(c) >= 0)) {
                out.append(c);
                i++;
            } else {
                int cp = in.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
                    cp = 0xFFFD;
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        }
        return out.toString();
    }

    private static String removeDotSegments(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        String[] segments = path.split("/", -1);
        Deque<String> out = new ArrayDeque<>();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !out.isEmpty()) {
                    out.removeLast();
                }
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(segment);
            }
        }
        return "/" + String.join("/", out);
    }

    private static boolean isBlank(char c) {
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80;
    }

    private static String excerpt(String s) {
        return s.length() <= 120 ? "'" + s + "'" : "'" + s.substring(0, 117) + "...'";
    }
}
