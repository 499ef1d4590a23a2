package org.quantstream.store.chronicle;

import java.nio.file.Path;
import org.quantstream.core.store.TickStore;
import org.quantstream.core.testkit.PersistentTickStoreContractTest;

class ChronicleTickStoreContractTest extends PersistentTickStoreContractTest {
    @Override
    protected TickStore openStore(Path directory) {
        return ChronicleTickStore.open(directory.resolve("store"));
    }
}
