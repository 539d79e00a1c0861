package io.newshound.ingest.article;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.newshound.platform.problem.Problem;

/**
 * What became of each article of a batch, in request order.
 *
 * @param accepted
 *            how many were created or updated
 * @param duplicates
 *            how many were already known
 * @param rejected
 *            how many were refused
 * @param results
 *            one per submitted article
 */
public record BatchReceipt(int accepted, int duplicates, int rejected, List<Item> results) {

    /**
     * @param index
     *            the article's position in the request
     * @param outcome
     *            created, updated, duplicate or rejected
     * @param id
     *            the article id (absent when rejected)
     * @param revision
     *            the article's revision
     * @param duplicateOf
     *            for a duplicate, the article it duplicates
     * @param errors
     *            for a rejected article, what is wrong with it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String outcome, UUID id, Integer revision, UUID duplicateOf,
            List<Problem.FieldError> errors) {
    }
}
