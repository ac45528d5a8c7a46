package io.zprof.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import java.util.List;
import java.util.ServiceLoader;

/** The checks every contract shares, whatever the kind of provider: one place for each. */
final class ContractAssertions {
    private ContractAssertions() {
    }

    /** @param name what {@code name()} returned @param again what a second instance returned */
    static void assertOneLowercaseWord(String name, String again) {
        assertNotNull(name, "name()");
        assertTrue(ProviderContract.NAME.matcher(name).matches(),
                "name() must be one lowercase word matching " + ProviderContract.NAME + ": '" + name + "'");
        assertEquals(name, again, "name() must not change between instances");
    }

    /** @param serviceType the SPI @param cls the provider class, which must be listed once under it */
    static void assertRegisteredOnce(Class<?> serviceType, Class<?> cls) {
        List<Class<?>> found = ServiceLoader.load(serviceType, cls.getClassLoader()).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).filter(t -> t == cls).toList();
        assertEquals(1, found.size(), cls.getName() + " must be listed once in META-INF/services/" + serviceType.getName()
                + " (found " + found.size() + " times)");
    }

    /** @param e the refusal @param key the full key it must name @param value the value it must show */
    static void assertNamesKeyAndValue(ConfigurationException e, String key, String value) {
        assertEquals(key, e.key(), "the error must name the key: " + e.getMessage());
        assertTrue(e.getMessage().contains(value), "the error must show the value '" + value + "': " + e.getMessage());
    }
}
