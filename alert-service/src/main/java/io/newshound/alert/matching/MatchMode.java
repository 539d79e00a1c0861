package io.newshound.alert.matching;

import java.util.Locale;
import java.util.Optional;

/** Whether an article needs any or all of a subscription's topics. */
public enum MatchMode {
    ANY, ALL;

    /** @return the wire and database spelling */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the mode spelled {@code any} or {@code all}, if it is one */
    public static Optional<MatchMode> parse(String s) {
        for (MatchMode m : values()) {
            if (m.wire().equals(s)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
