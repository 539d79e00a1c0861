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
import io.quarkus.logging.Log;

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
        List<List<Problem.FieldError>> invalid = new ArrayList<>(batch.articles().size());
        List<ArticleSubmission> valid = new ArrayList<>();
        for (int i = 0; i < batch.articles().size(); i++) {
            List<Problem.FieldError> errors = validate(i, batch.articles().get(i));
            invalid.add(errors);
            if (errors.isEmpty()) {
                valid.add(batch.articles().get(i));
            }
        }
        List<ArticleService.Submitted> submitted = submitTogether(valid);
        List<BatchReceipt.Item> results = new ArrayList<>(batch.articles().size());
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        int next = 0;
        for (int i = 0; i < batch.articles().size(); i++) {
            if (!invalid.get(i).isEmpty()) {
                results.add(new BatchReceipt.Item(i, "rejected", null, null, null, invalid.get(i)));
                rejected++;
                continue;
            }
            ArticleService.Submitted s = submitted.get(next++);
            if (s.problem() != null) {
                int index = i;
                ProblemException e = s.problem();
                List<Problem.FieldError> fieldErrors = e.errors().isEmpty()
                        ? List.of(new Problem.FieldError("articles[" + index + "]", e.getMessage()))
                        : e.errors().stream().map(f -> new Problem.FieldError("articles[" + index + "]." + f.field(),
                                f.message())).toList();
                results.add(new BatchReceipt.Item(i, "rejected", null, null, null, fieldErrors));
                rejected++;
                continue;
            }
            ArticleReceipt r = s.receipt();
            results.add(new BatchReceipt.Item(i, r.outcome().name(), r.id(), r.revision(), r.duplicateOf(), null));
            if (r.outcome() == ArticleReceipt.Outcome.duplicate) {
                duplicates++;
            } else {
                accepted++;
            }
        }
        return new BatchReceipt(accepted, duplicates, rejected, results);
    }

    /**
     * Commits the valid articles together; should the database refuse the whole transaction (a conflict with a
     * concurrent writer, say), each article is tried again on its own so one cannot sink the others.
     */
    private List<ArticleService.Submitted> submitTogether(List<ArticleSubmission> valid) {
        if (valid.isEmpty()) {
            return List.of();
        }
        try {
            return articles.submitAll(valid);
        } catch (RuntimeException e) {
            if (e instanceof ProblemException) {
                throw e;
            }
            Log.warnf("Batch of %d articles failed as a whole (%s); submitting them one by one", valid.size(), e);
            List<ArticleService.Submitted> one = new ArrayList<>(valid.size());
            for (ArticleSubmission submission : valid) {
                try {
                    one.add(articles.submitAll(List.of(submission)).get(0));
                } catch (ProblemException p) {
                    one.add(new ArticleService.Submitted(null, p));
                }
            }
            return one;
        }
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
