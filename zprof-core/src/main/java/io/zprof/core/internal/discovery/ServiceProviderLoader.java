package io.zprof.core.internal.discovery;

import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads providers one at a time, so a broken jar (a bad services line, a class that throws in its constructor, an
 * optional library such as OSHI missing) is recorded and skipped instead of taking zprof down.
 */
public final class ServiceProviderLoader implements ProviderLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProviderLoader.class);
    /** A corrupt services file could make the iterator fail forever; stop after this many errors. */
    private static final int MAX_ERRORS = 100;
    private final ClassLoader classLoader;

    /** @param classLoader where to look for {@code META-INF/services} entries */
    public ServiceProviderLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public <P> LoadedProviders<P> load(Class<P> type, String typeName) {
        List<P> loaded = new ArrayList<>();
        List<ProviderStatus> failures = new ArrayList<>();
        Iterator<P> it = ServiceLoader.load(type, classLoader).iterator();
        while (failures.size() < MAX_ERRORS) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                loaded.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("zprof: a {} provider failed to load and is skipped: {}", typeName, e.toString());
                failures.add(new ProviderStatus(typeName, "?", entryOf(e), 0, ProviderState.FAILED_TO_LOAD,
                        e.toString() + (e.getCause() != null ? " caused by " + e.getCause() : ""), List.of()));
            }
        }
        return new LoadedProviders<>(loaded, failures);
    }

    private static String entryOf(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        int i = msg.indexOf("Provider ");
        if (i >= 0) {
            String rest = msg.substring(i + "Provider ".length());
            int sp = rest.indexOf(' ');
            return sp > 0 ? rest.substring(0, sp) : rest;
        }
        return "?";
    }
}
