package io.newshound.alert.matching;

import java.util.concurrent.ConcurrentHashMap;

/** One shared instance per distinct slug, language code or source, so a million subscriptions do not copy them. */
final class Interner {

    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();

    String intern(String value) {
        String existing = values.putIfAbsent(value, value);
        return existing == null ? value : existing;
    }
}
