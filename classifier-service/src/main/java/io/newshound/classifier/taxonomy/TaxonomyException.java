package io.newshound.classifier.taxonomy;

import java.util.List;

/** A taxonomy that cannot be used, with every problem found in it. */
public class TaxonomyException extends RuntimeException {

    private final List<Violation> violations;

    public TaxonomyException(String message, List<Violation> violations) {
        super(message + ": " + violations);
        this.violations = List.copyOf(violations);
    }

    /** @return what is wrong, each naming the place in the file */
    public List<Violation> violations() {
        return violations;
    }

    /** One problem: a path into the taxonomy ({@code topics[2].rules.en[0].phrases}) and what is wrong there. */
    public record Violation(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
