package org.quantstream.core.util;

/** Busy spins (see {@link IdleStrategy#busySpin()}). Stateless. */
final class BusySpin implements IdleStrategy {
    static final BusySpin INSTANCE = new BusySpin();

    private BusySpin() {}

    @Override
    public void idle() {
        Thread.onSpinWait();
    }

    @Override
    public void reset() {}
}
