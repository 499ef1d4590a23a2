package org.quantstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.quantstream.core.util.Args;

/**
 * Topic housekeeping for collectors and workers: create the topics a topology writes when they do
 * not exist (brokers often refuse to create topics on first use), read a topic's partition count.
 * Stateless; each call opens and closes an admin client.
 *
 * <p><b>Retention.</b> Ticks, bars, snapshots and alerts are stamped with their <em>event</em>
 * time, so that a replay from a time finds them (offsets for times). Kafka's time retention looks
 * at those stamps: with the broker's default of 7 days, history imported or replayed from last
 * month is deleted as soon as its segment rolls, under the feet of the readers (seen in the tests:
 * the workers' fetches failed with OFFSET_OUT_OF_RANGE and a task stalled). Topics created here
 * therefore keep everything ({@code retention.ms=-1}); bound them by size ({@code retention.bytes})
 * or delete old data on purpose.
 */
public final class KafkaTopics {
    private KafkaTopics() {}

    /**
     * Creates the topics that do not exist yet.
     *
     * @param bootstrap the brokers
     * @param partitions partitions of each topic created
     * @param timeout the longest wait
     * @param names the topics
     * @throws IllegalStateException if the brokers refuse or do not answer in time
     */
    public static void ensure(String bootstrap, int partitions, Duration timeout, String... names) {
        ensure(bootstrap, partitions, (short) 1, timeout, Map.of(), names);
    }

    /**
     * Creates the topics that do not exist yet, with a replication factor and client properties.
     *
     * @param bootstrap the brokers
     * @param partitions partitions of each topic created
     * @param replication their replication factor
     * @param timeout the longest wait
     * @param clientProperties extra admin client properties (security, ...)
     * @param names the topics
     * @throws IllegalStateException if the brokers refuse or do not answer in time
     */
    public static void ensure(
            String bootstrap,
            int partitions,
            short replication,
            Duration timeout,
            Map<String, Object> clientProperties,
            String... names) {
        Args.positive(partitions, "partitions");
        try (Admin admin = admin(bootstrap, timeout, clientProperties)) {
            Set<String> existing =
                    admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> create = new ArrayList<>();
            for (String n : names) {
                if (!existing.contains(n)) {
                    create.add(
                            new NewTopic(n, partitions, replication)
                                    .configs(Map.of("retention.ms", "-1")));
                }
            }
            if (create.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(create).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another client creating it at the same time is fine
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "kafka at " + bootstrap + ": cannot create topics " + List.of(names) + ": " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics " + List.of(names), e);
        }
    }

    /**
     * A topic's partition count.
     *
     * @param bootstrap the brokers
     * @param topic the topic
     * @param timeout the longest wait
     * @return the partitions
     * @throws IllegalStateException if the topic does not exist or the brokers do not answer
     */
    public static int partitions(String bootstrap, String topic, Duration timeout) {
        return partitions(bootstrap, topic, timeout, Map.of());
    }

    static int partitions(
            String bootstrap, String topic, Duration timeout, Map<String, Object> props) {
        try (Admin admin = admin(bootstrap, timeout, props)) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "kafka at " + bootstrap + ": cannot describe topic " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing topic " + topic, e);
        }
    }

    private static Admin admin(String bootstrap, Duration timeout, Map<String, Object> props) {
        Map<String, Object> p = new java.util.HashMap<>(props);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Args.notBlank(bootstrap, "bootstrap"));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(timeout.toMillis(), 30_000));
        return Admin.create(p);
    }
}
