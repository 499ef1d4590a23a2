package org.quantstream.core.feed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.quantstream.core.util.Args;

/**
 * The registry of feed kinds on the class path, discovered with {@link ServiceLoader}.
 *
 * <p>Thread-safe. Each call looks the providers up afresh (a class path rarely changes, and a
 * look-up costs microseconds); nothing here is on a hot path.
 */
public final class DataFeeds {
    private DataFeeds() {}

    /**
     * Every provider found by the context class loader (or this class's loader when there is none),
     * sorted by name.
     *
     * @return the providers
     * @throws IllegalStateException if two providers claim the same name
     */
    public static List<DataFeedProvider> providers() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return providers(loader != null ? loader : DataFeeds.class.getClassLoader());
    }

    /**
     * Every provider found by a class loader, sorted by name.
     *
     * @param loader where to look
     * @return the providers
     * @throws IllegalStateException if two providers claim the same name
     */
    public static List<DataFeedProvider> providers(ClassLoader loader) {
        Args.notNull(loader, "loader");
        List<DataFeedProvider> found = new ArrayList<>();
        for (DataFeedProvider provider : ServiceLoader.load(DataFeedProvider.class, loader)) {
            for (DataFeedProvider other : found) {
                if (other.name().equals(provider.name())) {
                    throw new IllegalStateException(
                            "two feed providers are named \""
                                    + provider.name()
                                    + "\": "
                                    + other.getClass().getName()
                                    + " and "
                                    + provider.getClass().getName());
                }
            }
            found.add(provider);
        }
        found.sort(Comparator.comparing(DataFeedProvider::name));
        return List.copyOf(found);
    }

    /**
     * The provider with a name.
     *
     * @param name the provider's name
     * @return the provider, or empty if none has that name
     */
    public static Optional<DataFeedProvider> provider(String name) {
        Args.notNull(name, "name");
        return providers().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Creates a feed of the named kind.
     *
     * @param name the provider's name
     * @param config the feed's configuration
     * @return a new, not yet started feed
     * @throws IllegalArgumentException if no provider has that name (the message lists those that
     *     exist) or the configuration is invalid
     */
    public static DataFeed open(String name, FeedConfig config) {
        Args.notNull(config, "config");
        DataFeedProvider provider =
                provider(name)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no data feed named \""
                                                        + name
                                                        + "\"; available: "
                                                        + providers().stream()
                                                                .map(DataFeedProvider::name)
                                                                .collect(
                                                                        Collectors.joining(", "))));
        return provider.create(config);
    }
}
