package org.quantstream.feed.binance;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes Netty's paranoid leak detection fail the test that leaked: registered with
 * {@code @ExtendWith(LeakDetector.class)}, it provokes collection before each test (so a report
 * that arrives late is not charged to the next test without saying so), and again after it, failing
 * that test if a leak was reported meanwhile. {@link #assertNoLeaks()} does the same check inside a
 * test.
 */
final class LeakDetector implements BeforeEachCallback, AfterEachCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(
                new ResourceLeakDetectorFactory() {
                    @Override
                    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                            Class<T> resource, int samplingInterval, long maxActive) {
                        return new ResourceLeakDetector<T>(resource, samplingInterval) {
                            @Override
                            protected void reportTracedLeak(String resourceType, String records) {
                                LEAKS.add(resourceType + records);
                            }

                            @Override
                            protected void reportUntracedLeak(String resourceType) {
                                LEAKS.add(resourceType);
                            }
                        };
                    }
                });
    }

    LeakDetector() {}

    static void install() {
        // the static initialiser did it
    }

    /** Collects garbage and makes the detector poll its reference queue; returns what it found. */
    private static List<String> drain() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            // allocate and release a buffer so that the detector polls its reference queue
            ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(16);
            b.release();
        }
        List<String> found = new ArrayList<>(LEAKS);
        LEAKS.removeAll(found);
        return found;
    }

    static void assertNoLeaks() throws InterruptedException {
        List<String> found = drain();
        if (!found.isEmpty()) {
            throw new AssertionError("Netty ByteBuf leaks: " + found);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        List<String> earlier = drain();
        if (!earlier.isEmpty()) {
            // made by an earlier test and reported only after it had passed its own check: still
            // a failure, named as such, and cleared so that it fails one test, not every later one
            throw new AssertionError(
                    "Netty ByteBuf leaks made before "
                            + context.getDisplayName()
                            + " (by an earlier test of this JVM): "
                            + earlier);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        assertNoLeaks();
    }
}
