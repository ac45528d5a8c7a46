package io.zprof.core.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.spi.CollectorProvider;
import io.zprof.core.fixtures.ServiceFileProviders;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceLoader over real {@code META-INF/services} files: broken entries are recorded and skipped, never thrown. */
class ServiceProviderLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void brokenEntriesAreRecordedAndTheGoodOneLoads() throws IOException {
        Path services = tmp.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(CollectorProvider.class.getName()), String.join("\n",
                "# a third-party jar with one good provider and three broken ones",
                "com.example.DoesNotExist",
                ServiceFileProviders.ThrowingConstructor.class.getName(),
                ServiceFileProviders.FailingStaticInit.class.getName(),
                ServiceFileProviders.Good.class.getName(),
                ""), StandardCharsets.UTF_8);

        LoadedProviders<CollectorProvider> found;
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            found = new ServiceProviderLoader(cl).load(CollectorProvider.class, "collector");
        }

        List<String> names = found.loaded().stream().map(CollectorProvider::name).toList();
        assertTrue(names.contains("good"), "the good provider loads: " + names);
        assertTrue(names.contains("jvm"), "core's own services file is still read through the parent: " + names);
        List<ProviderStatus> failures = found.failures();
        assertEquals(3, failures.size(), failures.toString());
        failures.forEach(f -> {
            assertEquals(ProviderState.FAILED_TO_LOAD, f.state());
            assertEquals("collector", f.type());
        });
        ProviderStatus missing = failures.get(0);
        assertEquals("com.example.DoesNotExist", missing.className());
        assertTrue(missing.detail().contains("not found"), missing.detail());
        ProviderStatus throwing = failures.get(1);
        assertEquals(ServiceFileProviders.ThrowingConstructor.class.getName(), throwing.className());
        assertTrue(throwing.detail().contains("constructor says no"), throwing.detail());
        ProviderStatus staticInit = failures.get(2);
        assertTrue(staticInit.detail().contains("ExceptionInInitializerError") || staticInit.detail().contains("static init says no"),
                staticInit.detail());
    }

    @Test
    void nothingFoundIsAnEmptyResult() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            LoadedProviders<CollectorProvider> found = new ServiceProviderLoader(empty).load(CollectorProvider.class, "collector");
            assertEquals(List.of(), found.loaded());
            assertEquals(List.of(), found.failures());
        }
    }
}
