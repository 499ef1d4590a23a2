package org.quantstream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer's build: a separate Maven project ({@code src/it/consumer}) that depends on
 * quant-core, quant-feed-binance and quant-store-chronicle as a user's would, built with the
 * project's Maven wrapper against this build's artifacts (installed into a fresh repository by
 * hand, as {@code mvn install} would lay them out) and, for everything else, the local repository
 * only (a {@code file:} mirror of it for every remote: nothing is fetched from the network). Its
 * tests check that every jar it resolves has the version this build resolved and tested, and run
 * the three modules together.
 */
class ConsumerBuildIT {
    private static final String[] MODULES = {
        "quant-core", "quant-feed-binance", "quant-store-chronicle"
    };

    @TempDir Path tmp;

    @Test
    void shouldBuildAConsumerProjectThatGetsExactlyTheTestedVersions() throws Exception {
        Path root = Path.of(System.getProperty("quant.root")).toAbsolutePath();
        String version = System.getProperty("quant.version");
        Path repo = tmp.resolve("repository");
        install(root.resolve("pom.xml"), null, repo, "quantstream-parent", version);
        for (String m : MODULES) {
            Path dir = root.resolve(m);
            install(
                    dir.resolve("pom.xml"),
                    dir.resolve("target").resolve(m + "-" + version + ".jar"),
                    repo,
                    m,
                    version);
        }
        Path project = tmp.resolve("consumer");
        copyTree(root.resolve("quant-examples/src/it/consumer"), project);
        Map<String, String> values =
                Map.of(
                        "@quant.version@", version,
                        "@junit.version@", System.getProperty("quant.junitVersion"),
                        "@slf4j.version@", System.getProperty("quant.slf4jVersion"),
                        "@compiler.version@", System.getProperty("quant.compilerPluginVersion"),
                        "@surefire.version@", System.getProperty("quant.surefirePluginVersion"),
                        "@resources.version@", System.getProperty("quant.resourcesPluginVersion"),
                        "@chronicle.jvmArgs@", System.getProperty("quant.chronicleJvmArgs"),
                        "@tested.versions@", System.getProperty("quant.testedVersions"));
        String pom = Files.readString(project.resolve("pom.xml"));
        for (Map.Entry<String, String> e : values.entrySet()) {
            pom = pom.replace(e.getKey(), e.getValue());
        }
        assertThat(pom).doesNotContainPattern("@[a-z.A-Z]+@");
        Files.writeString(project.resolve("pom.xml"), pom);
        Path local = Path.of(System.getProperty("quant.localRepository")).toAbsolutePath();
        Path settings =
                Files.writeString(
                        tmp.resolve("settings.xml"),
                        "<settings><mirrors><mirror><id>local-only</id><mirrorOf>*</mirrorOf><url>"
                                + local.toUri()
                                + "</url></mirror></mirrors></settings>");

        Path log = tmp.resolve("consumer-build.log");
        Process p =
                new ProcessBuilder(
                                root.resolve("mvnw").toString(),
                                "-B",
                                "-s",
                                settings.toString(),
                                "-Dmaven.repo.local=" + repo,
                                "test")
                        .directory(project.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        boolean done = p.waitFor(8, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("consumer build finished in time:\n" + output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(output)
                .as("the README's SLF4J binding is on the consumer's class path")
                .doesNotContain("No SLF4J providers were found");
    }

    /** Lays a pom (and jar) out as {@code mvn install} would. */
    private static void install(Path pom, Path jar, Path repo, String artifact, String version)
            throws IOException {
        Path dir = repo.resolve("org/quantstream").resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        if (jar != null) {
            assertThat(jar).as("packaged before the ITs").exists();
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.toList();
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            if (Files.isDirectory(f)) {
                Files.createDirectories(target);
            } else {
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
