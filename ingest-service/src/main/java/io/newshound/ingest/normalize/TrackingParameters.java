package io.newshound.ingest.normalize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Query parameters that only identify a campaign, a click or a share, never the article; {@link CanonicalUrl} drops
 * them. Names are matched case-insensitively; a pattern ending in {@code *} matches every name with that prefix.
 */
public final class TrackingParameters {

    /** The parameters dropped unless configured otherwise. */
    public static final List<String> DEFAULT_PATTERNS = List.of(
            // analytics campaign tags
            "utm_*", "_ga", "_gl", "cmpid", "cmp", "icid", "ito", "xtor", "ncid", "ocid", "s_cid", "wt.mc_id",
            "at_campaign", "at_medium", "at_custom*", "sr_share", "smid", "smtyp",
            // ad click identifiers
            "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
            "li_fat_id", "rb_clickid",
            // newsletters and marketing automation
            "mc_cid", "mc_eid", "mkt_tok", "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp", "hsctatracking",
            "vero_id", "oly_anon_id", "oly_enc_id",
            // social shares and referrers
            "igshid", "igsh", "ref_src", "ref_url", "fb_action_ids", "fb_action_types", "fb_ref", "fb_source",
            "action_object_map", "action_type_map", "action_ref_map",
            // consent-wall redirects
            "guccounter", "guce_referrer", "guce_referrer_sig");

    private static final TrackingParameters DEFAULTS = of(DEFAULT_PATTERNS);

    private final Set<String> names;
    private final List<String> prefixes;

    private TrackingParameters(Set<String> names, List<String> prefixes) {
        this.names = names;
        this.prefixes = prefixes;
    }

    /**
     * @return the {@link #DEFAULT_PATTERNS}
     */
    public static TrackingParameters defaults() {
        return DEFAULTS;
    }

    /**
     * @param patterns
     *            exact parameter names, or prefixes written as {@code name*}; blank entries are ignored
     * @return a matcher for exactly these patterns
     */
    public static TrackingParameters of(Collection<String> patterns) {
        Set<String> names = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String pattern : patterns) {
            String p = pattern.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("*")) {
                prefixes.add(p.substring(0, p.length() - 1));
            } else {
                names.add(p);
            }
        }
        return new TrackingParameters(Set.copyOf(names), List.copyOf(prefixes));
    }

    /**
     * @param name
     *            a query parameter name as it appears in a URL (percent-encoding already normalised)
     * @return whether the parameter is a tracking parameter
     */
    public boolean matches(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (names.contains(n)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (n.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
