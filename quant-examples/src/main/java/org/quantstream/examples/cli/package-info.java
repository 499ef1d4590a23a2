/**
 * The {@code quant} command line: {@link org.quantstream.examples.cli.QuantCli} and its
 * subcommands. Output goes to stdout, logs and progress to stderr; user errors exit 1 with a
 * one-line message, usage errors exit 2.
 */
package org.quantstream.examples.cli;
