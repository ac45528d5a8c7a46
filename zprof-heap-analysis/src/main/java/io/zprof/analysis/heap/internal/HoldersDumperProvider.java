package io.zprof.analysis.heap.internal;

import io.zprof.api.config.HeapHoldersConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import java.util.Optional;
import java.util.Set;

/**
 * Provides the {@code holders} dumper: who holds the heap growth between an event's two heap dumps, computed with
 * LeakCanary's shark in a child JVM ({@code zprof.dump.heapholders.*}). On the class path it is found through
 * ServiceLoader; the engine asks for it only when {@code zprof.dump.heapholders.enabled} is on.
 */
public final class HoldersDumperProvider implements DumperProvider {
    /** For {@link java.util.ServiceLoader}. */
    public HoldersDumperProvider() {
    }

    /** @return {@code holders} */
    @Override
    public String name() {
        return "holders";
    }

    /** @return its settings: none of its own (it reads {@code zprof.dump.heapholders.*}) */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    /** @return the holders kind */
    @Override
    public Set<DumpKind> kinds() {
        return Set.of(DumpKind.HOLDERS);
    }

    /** @param config a configuration @return the holder analysis settings, which the child JVM is started with */
    @Override
    public Object engineSettingsRead(ZprofConfig config) {
        return config.dump().heapHolders();
    }

    /**
     * @param context the configuration in force
     * @return a dumper that starts a child JVM per analysis
     */
    @Override
    public Dumper create(ProviderContext context) {
        HeapHoldersConfig cfg = context.config().dump().heapHolders();
        return new HoldersDumper(ChildJvmAnalysis.ofThisJvm(cfg.maxHeapBytes(), cfg.timeout()));
    }
}
