package org.quantstream.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.quantstream.core.feed.DataFeedProvider;
import org.quantstream.core.feed.DataFeeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quant feeds}: the data feed providers found on the class path. */
@Command(
        name = "feeds",
        description = "List the data feeds found on the class path (java.util.ServiceLoader).")
final class FeedsCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Option(names = "--json", description = "Print JSON on stdout.")
    private boolean json;

    @Override
    public Integer call() {
        List<DataFeedProvider> providers = DataFeeds.providers();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (DataFeedProvider p : providers) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("description", p.description());
                m.put("options", p.options());
                list.add(m);
            }
            Json.print(parent.out(), Map.of("feeds", list));
            return 0;
        }
        for (DataFeedProvider p : providers) {
            parent.out().printf("%-14s %s%n", p.name(), p.description());
            p.options().forEach((k, v) -> parent.out().printf("    %-12s %s%n", k, v));
        }
        return 0;
    }
}
