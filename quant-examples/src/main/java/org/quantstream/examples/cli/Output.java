package org.quantstream.examples.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a command writes its data: stdout, or a file that appears (atomically replaced) only when
 * the command succeeds. Use: {@code try (Output out = Output.open(file, stdout)) { write...;
 * out.commit(); }}.
 */
final class Output implements AutoCloseable {
    private final Writer writer;
    private final Path target;
    private final Path temp;
    private boolean committed;

    private Output(Writer writer, Path target, Path temp) {
        this.writer = writer;
        this.target = target;
        this.temp = temp;
    }

    static Output open(Path file, PrintStream stdout) throws IOException {
        if (file == null) {
            return new Output(
                    new BufferedWriter(
                            new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16),
                    null,
                    null);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UserException(file + ": the directory " + dir + " does not exist");
        }
        // createFile, not createTempFile: the file gets the umask's permissions (createTempFile
        // makes it readable by its owner only, and the move kept that for the output)
        Path temp;
        while (true) {
            temp =
                    (dir == null ? Path.of("") : dir)
                            .resolve(
                                    "."
                                            + file.getFileName()
                                            + "."
                                            + Long.toUnsignedString(
                                                    java.util.concurrent.ThreadLocalRandom.current()
                                                            .nextLong(),
                                                    36)
                                            + ".tmp");
            try {
                Files.createFile(temp);
                break;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another name
            }
        }
        return new Output(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), file, temp);
    }

    Writer writer() {
        return writer;
    }

    /** Flushes, and for a file moves it into place. */
    void commit() throws IOException {
        writer.flush();
        if (target != null) {
            writer.close();
            Files.move(
                    temp,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (target != null) {
            writer.close();
            if (!committed) {
                Files.deleteIfExists(temp);
            }
        } else {
            writer.flush(); // never close stdout
        }
    }
}
