package org.quantstream.core.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real small file system for full-disk tests: a tmpfs of a given size mounted on a directory
 * (needs root, as in CI and on the development machines). Where mounting is not permitted the test
 * is aborted with the reason, unless {@code QUANT_REQUIRE_SMALL_DISK=1} (set by {@code .ci/run}
 * when it could mount one), in which case it fails.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /**
     * Mounts a tmpfs of {@code bytes} on {@code dir} (created).
     *
     * @param dir the mount point
     * @param bytes the file system's size, a multiple of 4096
     * @return the mounted disk; close unmounts it
     */
    public static SmallDisk mount(Path dir, long bytes) throws Exception {
        Files.createDirectories(dir);
        List<String> cmd =
                List.of(
                        "mount",
                        "-t",
                        "tmpfs",
                        "-o",
                        "size=" + (bytes / 1024) + "k",
                        "tmpfs",
                        dir.toString());
        String why;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                why = "mount did not finish within 20 s";
            } else if (p.exitValue() == 0) {
                return new SmallDisk(dir);
            } else {
                why =
                        "mount exited "
                                + p.exitValue()
                                + ": "
                                + new String(
                                                p.getInputStream().readAllBytes(),
                                                StandardCharsets.UTF_8)
                                        .strip();
            }
        } catch (IOException e) {
            why = "cannot run mount: " + e.getMessage();
        }
        String message = "a small tmpfs for the full-disk test cannot be mounted (" + why + ")";
        if ("1".equals(System.getenv("QUANT_REQUIRE_SMALL_DISK"))) {
            Assertions.fail(message + ", and QUANT_REQUIRE_SMALL_DISK=1 requires one");
        }
        Assumptions.abort(message + "; run as root to include it");
        throw new AssertionError("unreachable");
    }

    /**
     * Where files go.
     *
     * @return the mount point
     */
    public Path path() {
        return mountPoint;
    }

    /**
     * Writes a file of {@code bytes} (its pages allocated, not sparse), to take space.
     *
     * @param name the file's name on this disk
     * @param bytes its size
     * @return the file
     */
    public Path fill(String name, long bytes) throws IOException {
        Path f = mountPoint.resolve(name);
        byte[] block = new byte[4096];
        java.util.Arrays.fill(block, (byte) 1);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            for (long done = 0; done < bytes; ) {
                int n = (int) Math.min(block.length, bytes - done);
                raf.write(block, 0, n);
                done += n;
            }
        }
        return f;
    }

    /** Unmounts (lazily: mapped files of a failed test must not keep it busy). */
    @Override
    public void close() throws IOException {
        Process p = new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start();
        try {
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
