package org.quantstream.kafka.internal;

import org.quantstream.core.alert.AlertEngine;
import org.quantstream.core.alert.AlertSink;
import org.quantstream.core.pipeline.PipelineConfig;

/** What the topology's stages share. */
final class Stages {
    private Stages() {}

    /**
     * An alert engine of the configuration's rules whose alerts are forwarded downstream. A sink
     * that fails (a forward refused) fails the task, so that the transaction aborts and the input
     * is processed again: an alert is never dropped, as a pipeline's error handler would.
     *
     * @param config the rules and operator names
     * @param forward forwards an alert
     * @return the engine
     */
    static AlertEngine alerts(PipelineConfig config, AlertSink forward) {
        return AlertEngine.builder()
                .rules(config.rules())
                .symbolMetrics(config.operatorNames())
                .sink(forward)
                .errorHandler(
                        e -> {
                            throw e instanceof RuntimeException r
                                    ? r
                                    : new IllegalStateException(e);
                        })
                .build();
    }
}
