package io.newshound.ingest.article;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.newshound.ingest.config.IngestConfig;
import io.newshound.platform.problem.Problem;
import io.newshound.platform.problem.ProblemException;

/**
 * Accepts a batch article by article: each article is validated and committed on its own, so one bad article never
 * sinks the others.
 */
@ApplicationScoped
public class ArticleBatches {

    private final ArticleService articles;
    private final Validator validator;
    private final IngestConfig config;

    public ArticleBatches(ArticleService articles, Validator validator, IngestConfig config) {
        this.articles = articles;
        this.validator = validator;
        this.config = config;
    }

    /**
     * Submits every article of a batch.
     *
     * @param batch
     *            the batch
     * @return one result per article, in request order
     * @throws ProblemException
     *             when the batch is empty or larger than allowed
     */
    public BatchReceipt submit(BatchSubmission batch) {
        if (batch == null || batch.articles() == null || batch.articles().isEmpty()) {
            throw ProblemException.invalidField("articles", "must contain at least one article");
        }
        int max = config.articles().maxBatchSize();
        if (batch.articles().size() > max) {
            throw new ProblemException(413, "Batch too large", "A batch holds at most " + max + " articles; this one"
                    + " has " + batch.articles().size(),
                    List.of(new Problem.FieldError("articles",
                            "at most " + max + " articles")),
                    null);
        }
        List<BatchReceipt.Item> results = new ArrayList<>(batch.articles().size());
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (int i = 0; i < batch.articles().size(); i++) {
            ArticleSubmission submission = batch.articles().get(i);
            List<Problem.FieldError> errors = validate(i, submission);
            if (!errors.isEmpty()) {
                results.add(new BatchReceipt.Item(i, "rejected", null, null, null, errors));
                rejected++;
                continue;
            }
            try {
                ArticleReceipt r = articles.submit(submission);
                results.add(new BatchReceipt.Item(i, r.outcome().name(), r.id(), r.revision(), r.duplicateOf(),
                        null));
                if (r.outcome() == ArticleReceipt.Outcome.duplicate) {
                    duplicates++;
                } else {
                    accepted++;
                }
            } catch (ProblemException e) {
                int index = i;
                List<Problem.FieldError> fieldErrors = e.errors().isEmpty()
                        ? List.of(new Problem.FieldError("articles[" + index + "]", e.getMessage()))
                        : e.errors().stream().map(f -> new Problem.FieldError("articles[" + index + "]." + f.field(),
                                f.message())).toList();
                results.add(new BatchReceipt.Item(i, "rejected", null, null, null, fieldErrors));
                rejected++;
            }
        }
        return new BatchReceipt(accepted, duplicates, rejected, results);
    }

    private List<Problem.FieldError> validate(int index, ArticleSubmission submission) {
        if (submission == null) {
            return List.of(new Problem.FieldError("articles[" + index + "]", "must be an article object"));
        }
        Set<ConstraintViolation<ArticleSubmission>> violations = validator.validate(submission);
        return violations.stream()
                .map(v -> new Problem.FieldError("articles[" + index + "]." + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
    }
}
