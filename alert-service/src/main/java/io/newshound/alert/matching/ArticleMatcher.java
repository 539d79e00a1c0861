package io.newshound.alert.matching;

import java.util.List;

import io.newshound.alert.event.ArticleClassified;

/**
 * Decides which subscriptions want an article. Every CDI bean implementing this is asked; their answers are merged, so
 * a new kind of subscription (keyword queries, say) is one more bean.
 */
public interface ArticleMatcher {

    /**
     * Called inside the transaction that records the alerts.
     *
     * @return one match per interested active subscription
     */
    List<InterestedSubscription> match(ArticleClassified article);
}
