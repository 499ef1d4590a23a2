package org.quantstream.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.quantstream.core.io.InputFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code quant} command line. Run {@code java -jar quant.jar --help}.
 *
 * <p>Exit codes: 0 success, 1 a user error (bad input file, missing file: one line on stderr, no
 * stack trace unless {@code --verbose}), 2 a usage error (message and usage on stderr), 70 an
 * internal error (with its stack trace).
 */
@Command(
        name = "quant",
        mixinStandardHelpOptions = true,
        versionProvider = QuantCli.Version.class,
        description = "quantstream: real-time market-data analytics from the command line.")
public final class QuantCli {
    /**
     * The subcommands, in the order of the usage. Not in the annotation: picocli builds every
     * command it is given before parsing (reflection over each class's options), which cost each
     * run 0.3 s; a command line that names one gets only that one (see {@link #commandLine}).
     */
    private static final List<Class<?>> SUBCOMMANDS =
            List.of(
                    FeedsCommand.class,
                    TicksCommand.class,
                    ResampleCommand.class,
                    StatsCommand.class,
                    HedgeCommand.class,
                    RollingCommand.class,
                    AdfCommand.class,
                    CointCommand.class,
                    HalfLifeCommand.class,
                    PairCommand.class,
                    BacktestCommand.class,
                    RunCommand.class,
                    DownloadCommand.class,
                    ImportCommand.class,
                    StoreCommand.class,
                    ExportCommand.class,
                    SimulateCommand.class,
                    CollectCommand.class,
                    KafkaCommand.class,
                    WorkerCommand.class,
                    ClusterDemoCommand.class,
                    DemoCommand.class,
                    DashboardCommand.class,
                    BarsCommand.class,
                    CommandLine.HelpCommand.class);

    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /** Exit code of a user error. */
    static final int USER_ERROR = 1;

    /** Exit code of an internal error. */
    static final int INTERNAL_ERROR = 70;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description =
                    "Show stack traces of errors and debug logs (the log level alone:"
                            + " -Dorg.slf4j.simpleLogger.defaultLogLevel=debug|info|warn).")
    boolean verbose;

    private final PrintStream out;
    private final PrintStream err;

    private QuantCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the CLI and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // Chronicle Queue: no usage analytics (the jar is excluded too) and no promotional banner
        // on stderr
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        // --verbose means debug logs: set before the first logger exists (slf4j-simple reads its
        // level once); an explicit -Dorg.slf4j.simpleLogger.defaultLogLevel=... wins
        if (java.util.Arrays.asList(args).contains("--verbose")
                && System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, "debug");
        }
        int code = run(args, System.out, System.err);
        System.exit(code);
    }

    /**
     * Runs the CLI without exiting: for tests and embedding.
     *
     * @param args the command line
     * @param out where command output goes
     * @param err where messages and usage go
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /**
     * Runs the CLI without exiting, with the given environment for option defaults.
     *
     * @param args the command line
     * @param out where command output goes
     * @param err where messages and usage go
     * @param env environment variables: {@code QUANT_<OPTION>} is the default of {@code --option}
     * @return the exit code
     */
    public static int run(
            String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return commandLine(out, err, env, args).execute(args);
    }

    /** The configured command tree (for {@link #run} and for tests that walk it). */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, Map.of(), new String[0]);
    }

    /**
     * The environment variable that gives an option its default: {@code --ws-url} is {@code
     * QUANT_WS_URL}.
     *
     * @param option the option's longest name
     * @return the variable's name
     */
    static String envName(String option) {
        return "QUANT_" + option.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The command tree for a command line: only the subcommand it names when it names one (the
     * first word that is not an option), else all of them (usage, help, a mistyped name).
     */
    private static CommandLine commandLine(
            PrintStream out, PrintStream err, Map<String, String> env, String[] args) {
        QuantCli cli = new QuantCli(out, err);
        CommandLine cmd = new CommandLine(cli);
        String named = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                named = a;
                break;
            }
        }
        boolean added = false;
        for (Class<?> c : SUBCOMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && command.name().equals(named) && !command.helpCommand()) {
                cmd.addSubcommand(c);
                added = true;
            }
        }
        // quant --version needs none of them (building all took it from 0.2 to 0.55 s)
        boolean versionOnly =
                args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        if (!added && !versionOnly) {
            for (Class<?> c : SUBCOMMANDS) {
                cmd.addSubcommand(c);
            }
        }
        addHelpOptions(cmd);
        // every option's default also from the environment: QUANT_SYMBOLS for --symbols, ...
        cmd.setDefaultValueProvider(
                arg ->
                        arg.isOption()
                                ? env.get(
                                        envName(((CommandLine.Model.OptionSpec) arg).longestName()))
                                : null);
        // "--input a.csv --colour" is a typo, not a file named "--colour".
        cmd.setUnmatchedOptionsAllowedAsOptionParameters(false);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setExecutionExceptionHandler(
                (e, commandLine, parseResult) ->
                        cli.handle(e, commandLine.getCommandSpec().qualifiedName()));
        return cmd;
    }

    /**
     * {@code -h/--help} (and {@code -V/--version}) on every command and subcommand: a newcomer's
     * {@code quant collect --help} prints the usage and exits 0, even when required options are
     * missing.
     */
    private static void addHelpOptions(CommandLine cmd) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (!sub.getCommandSpec().helpCommand()
                    && sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            addHelpOptions(sub);
        }
    }

    private int handle(Exception e, String command) {
        Throwable cause = e instanceof java.io.UncheckedIOException ? e.getCause() : e;
        if (cause instanceof UserException
                || cause instanceof InputFormatException
                || cause instanceof IllegalArgumentException
                || cause instanceof org.quantstream.store.chronicle.StoreLockedException
                || cause instanceof NoSuchFileException
                || cause instanceof IOException) {
            err.println(command + ": " + message(cause));
            if (verbose) {
                cause.printStackTrace(err);
            }
            return USER_ERROR;
        }
        err.println(command + ": internal error: " + cause);
        cause.printStackTrace(err);
        return INTERNAL_ERROR;
    }

    private static String message(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return ((NoSuchFileException) e).getFile() + ": no such file";
        }
        String m = e.getMessage();
        return m == null ? e.toString() : m;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Reads the version the build wrote into {@code quant-version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = QuantCli.class.getResourceAsStream("/quant-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "quant " + p.getProperty("version", "unknown"),
                "Java "
                        + System.getProperty("java.version")
                        + " ("
                        + System.getProperty("java.vm.name")
                        + ")"
            };
        }
    }
}
