package org.quantstream.core.alert;

/**
 * Receives delivered alerts, on the thread that evaluates the rules (a pipeline's thread): a sink
 * that blocks stalls it, so slow work belongs on a thread of the sink's own (as {@link
 * WebhookAlertSink} does).
 */
@FunctionalInterface
public interface AlertSink {
    /**
     * Handles an alert.
     *
     * @param alert the alert
     */
    void onAlert(Alert alert);
}
