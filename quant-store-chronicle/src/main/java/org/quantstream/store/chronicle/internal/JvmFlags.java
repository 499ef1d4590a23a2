package org.quantstream.store.chronicle.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the JVM was started with the module flags Chronicle Queue needs on JDK 17+. Without
 * them the queue falls back to read-only or fails deep inside; with this check the user gets one
 * message listing what to add.
 */
public final class JvmFlags {
    private JvmFlags() {}

    /**
     * The flags that are missing.
     *
     * @return the command-line flags to add, empty when all are present
     */
    public static List<String> missing() {
        Module unnamed = JvmFlags.class.getModule();
        Module base = Object.class.getModule();
        List<String> out = new ArrayList<>();
        if (!base.isExported("sun.nio.ch", unnamed)) {
            out.add("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
        }
        if (!base.isOpen("java.lang.reflect", unnamed)) {
            out.add("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED");
        }
        return out;
    }

    /**
     * Throws if a required flag is missing.
     *
     * @throws IllegalStateException listing the missing flags and where to put them
     */
    public static void require() {
        List<String> m = missing();
        if (!m.isEmpty()) {
            throw new IllegalStateException(
                    "Chronicle Queue needs these JVM flags on Java 17+: "
                            + String.join(" ", m)
                            + " (also recommended: --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"
                            + " --add-opens=java.base/java.lang=ALL-UNNAMED); add them to the java command line,"
                            + " surefire's argLine or the jar manifest (Add-Exports/Add-Opens)");
        }
    }
}
