package io.zprof.core.internal.discovery;

import io.zprof.api.spi.ComponentProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds provider instances handed to {@code Zprof.builder()} to what another loader (ServiceLoader) finds. They come
 * after the discovered ones and then take part in selection exactly like them: priority, pins, names, availability,
 * the same-name check and setting-key checks all apply.
 */
public final class RegisteredProviderLoader implements ProviderLoader {
    private final ProviderLoader discovered;
    private final List<ComponentProvider<?>> registered;

    /**
     * @param discovered the loader of the providers found on the class path
     * @param registered instances to add; each is offered for every provider interface it implements
     */
    public RegisteredProviderLoader(ProviderLoader discovered, List<? extends ComponentProvider<?>> registered) {
        this.discovered = discovered;
        this.registered = List.copyOf(registered);
    }

    @Override
    public <P> LoadedProviders<P> load(Class<P> type, String typeName) {
        LoadedProviders<P> found = discovered.load(type, typeName);
        if (registered.isEmpty()) {
            return found;
        }
        List<P> all = new ArrayList<>(found.loaded());
        for (ComponentProvider<?> p : registered) {
            if (type.isInstance(p)) {
                all.add(type.cast(p));
            }
        }
        return new LoadedProviders<>(all, found.failures());
    }
}
