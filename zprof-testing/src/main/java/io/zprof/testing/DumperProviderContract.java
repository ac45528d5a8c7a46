package io.zprof.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.DumperProvider;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link DumperProvider}, as JUnit 5 tests: extend it in your test sources and supply the provider
 * and one bad setting (or none, when it reads no settings). Besides what every provider owes
 * ({@link ProviderContract}), a dumper declares the kinds it captures. Override {@link #config()} to give it a
 * temporary dump directory when creating it touches one.
 *
 * @param <P> the provider class under test
 */
public abstract class DumperProviderContract<P extends DumperProvider> extends ProviderContract<DumperProvider, Dumper> {
    /** For subclasses. */
    protected DumperProviderContract() {
    }

    @Override
    protected abstract P provider();

    @Override
    protected final Class<DumperProvider> serviceType() {
        return DumperProvider.class;
    }

    @Override
    protected final String role() {
        return "dumper";
    }

    /** kinds() names what the engine may select this dumper for: at least one kind, always the same. */
    @Test
    public void declaresTheKindsItCaptures() {
        Set<DumpKind> kinds = provider().kinds();
        assertNotNull(kinds, "kinds()");
        assertFalse(kinds.isEmpty(), "kinds() must name at least one dump kind");
        assertEquals(kinds, provider().kinds(), "kinds() must not change between instances");
    }
}
