package org.quantstream.feed.binance;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes Netty's paranoid leak detection fail tests: every leak report is kept, and {@link
 * #assertNoLeaks()} (after provoking collection) throws if any arrived.
 */
final class LeakDetector {
    static final List<String> LEAKS = new CopyOnWriteArrayList<>();

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

    private LeakDetector() {}

    static void install() {
        // the static initialiser did it
    }

    static void assertNoLeaks() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            // allocate and release a buffer so that the detector polls its reference queue
            io.netty.buffer.ByteBuf b = io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(16);
            b.release();
        }
        if (!LEAKS.isEmpty()) {
            throw new AssertionError("Netty ByteBuf leaks: " + LEAKS);
        }
    }
}
