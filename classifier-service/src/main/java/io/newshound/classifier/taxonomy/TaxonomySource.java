package io.newshound.classifier.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.newshound.classifier.taxonomy.TaxonomyException.Violation;

/** Reads the taxonomy from an external file when one is configured, otherwise from the bundled resource. */
public final class TaxonomySource {

    /** Classpath location of the taxonomy shipped with the service. */
    public static final String BUNDLED = "taxonomy/taxonomy.yaml";

    private final Optional<Path> external;

    public TaxonomySource(Optional<Path> external) {
        this.external = external;
    }

    /** @return the external file, if one is configured */
    public Optional<Path> external() {
        return external;
    }

    /**
     * Reads and validates the taxonomy.
     *
     * @throws TaxonomyException
     *             when it cannot be read or is not valid
     */
    public Taxonomy read() {
        if (external.isPresent()) {
            try (InputStream in = Files.newInputStream(external.get())) {
                return TaxonomyParser.parse(in);
            } catch (IOException e) {
                throw new TaxonomyException("Taxonomy file cannot be read",
                        List.of(new Violation(external.get().toString(), e.toString())));
            }
        }
        return bundled();
    }

    /** @return the taxonomy shipped with the service */
    public static Taxonomy bundled() {
        try (InputStream in = TaxonomySource.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BUNDLED);
            }
            return TaxonomyParser.parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUNDLED, e);
        }
    }
}
