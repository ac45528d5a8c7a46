package io.zprof.api.spi;

import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import java.util.Set;

/** Provides a {@link Dumper}; the engine picks, per dump kind, the highest-priority available provider. */
public interface DumperProvider extends ComponentProvider<Dumper> {
    /** @return the kinds its dumper can capture */
    Set<DumpKind> kinds();
}
