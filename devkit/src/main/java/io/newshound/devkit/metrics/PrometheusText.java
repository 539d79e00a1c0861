package io.newshound.devkit.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of {@code /q/metrics} in the Prometheus text format, read the way tests need it. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample line: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    /** @return the samples of a scrape; comment lines are skipped */
    public static PrometheusText parse(String text) {
        return new PrometheusText(text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> {
            Matcher m = SAMPLE.matcher(l);
            if (!m.find()) {
                throw new IllegalArgumentException("not a sample line: " + l);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher lm = LABEL.matcher(m.group(3));
                while (lm.find()) {
                    labels.put(lm.group(1), lm.group(2));
                }
            }
            return new Sample(m.group(1), labels, Double.parseDouble(m.group(4)));
        }).toList());
    }

    /** @return every metric name with at least one sample */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /**
     * @return the sum of the samples of {@code name} whose labels include {@code labels}; NaN when there is none
     */
    public double value(String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
        return matching.isEmpty() ? Double.NaN : matching.stream().mapToDouble(Sample::value).sum();
    }

    /** @return the sum of the samples of {@code name}; NaN when there is none */
    public double value(String name) {
        return value(name, Map.of());
    }
}
