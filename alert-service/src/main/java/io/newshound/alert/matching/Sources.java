package io.newshound.alert.matching;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Normal form of source names and hosts, shared by {@code site:}/{@code source:} query filters, include/exclude source
 * lists and articles: lowercase, single spaces, hosts without scheme, path or {@code www.}.
 */
final class Sources {

    private Sources() {
    }

    /** Normal form of a source name, host or URL given by a subscriber. */
    static String normalize(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int scheme = text.indexOf("://");
        if (scheme >= 0) {
            text = text.substring(scheme + 3);
            int slash = text.indexOf('/');
            text = slash >= 0 ? text.substring(0, slash) : text;
        } else if (!text.contains(" ") && text.contains(".") && text.indexOf('/') > 0) {
            text = text.substring(0, text.indexOf('/'));
        }
        return text.startsWith("www.") ? text.substring(4) : text;
    }

    /**
     * Every form under which an article's source can be named: its source name, its URL host and each parent domain of
     * that host with at least two labels ({@code wire.example.com}, {@code example.com}).
     */
    static Set<String> ofArticle(String sourceName, String url) {
        Set<String> names = new LinkedHashSet<>(4);
        if (sourceName != null && !sourceName.isBlank()) {
            names.add(normalize(sourceName));
        }
        String host = host(url);
        if (host != null) {
            String domain = host.startsWith("www.") ? host.substring(4) : host;
            while (domain.indexOf('.') > 0) {
                names.add(domain);
                domain = domain.substring(domain.indexOf('.') + 1);
            }
        }
        return names;
    }

    private static String host(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
