package org.quantstream.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code quant dashboard}: the demo's whole path at recorded speed with the live dashboard, kept
 * open after the data ends.
 */
@Command(
        name = "dashboard",
        description =
                "The live web dashboard on 127.0.0.1: the demo's path (simulator -> Netty feed ->"
                        + " Chronicle store -> bars and pair analytics) at recorded speed, candles,"
                        + " spread z-score, correlation and hedge ratio drawn as bars close; stays"
                        + " open until interrupted.")
final class DashboardCommand implements Callable<Integer> {
    @ParentCommand private QuantCli parent;

    @Spec private CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "" + DemoCommand.DASHBOARD_PORT,
            paramLabel = "P",
            description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; a free one if taken).")
    private int port;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description = "Replay speed (default: ${DEFAULT-VALUE}x, as recorded).")
    private double speed;

    @Override
    public Integer call() throws Exception {
        return new DemoCommand(parent, spec, speed, port).call();
    }
}
