package io.newshound.alert.thread;

import java.util.List;

/**
 * One page of alerts, newest first.
 *
 * @param nextCursor
 *            pass as {@code cursor} for the next page; null on the last page
 */
public record AlertPage(List<AlertView> items, String nextCursor) {
}
