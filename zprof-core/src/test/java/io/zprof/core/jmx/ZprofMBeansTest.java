package io.zprof.core.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.DumpKind;
import io.zprof.core.Zprof;
import io.zprof.core.fixtures.FakeDumperProvider;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ZprofMBeans#register(Zprof)}: the MBean read and driven through a real {@link JMXConnector} (RMI on
 * loopback), as jconsole or a monitoring agent would: status as text and open data, update, sampleNow, capture.
 */
class ZprofMBeansTest {
    private static final String[] ONE_STRING = {String.class.getName()};
    private static final String[] TWO_STRINGS = {String.class.getName(), String.class.getName()};

    @TempDir
    Path tmp;
    private JMXConnectorServer server;
    private JMXConnector client;
    private Zprof zprof;

    @BeforeEach
    void connect() throws Exception {
        server = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL("service:jmx:rmi://127.0.0.1"),
                null, ManagementFactory.getPlatformMBeanServer());
        server.start();
        client = JMXConnectorFactory.connect(server.getAddress());
    }

    @AfterEach
    void close() throws Exception {
        ZprofMBeans.unregister();
        if (zprof != null) {
            zprof.close();
        }
        client.close();
        server.stop();
    }

    @Test
    void readAndDrivenThroughAJmxConnector() throws Exception {
        zprof = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.dump.path", tmp.resolve("dumps").toString(),
                        "zprof.interval", "1h")))
                .dumper(new FakeDumperProvider("fake", 1000, DumpKind.THREADS)).manualSampling().build();
        zprof.start();
        ZprofMBeans.register(zprof);
        MBeanServerConnection jmx = client.getMBeanServerConnection();
        ObjectName name = new ObjectName(ZprofMBeans.OBJECT_NAME);

        assertTrue(((String) jmx.getAttribute(name, "StatusText")).startsWith("zprof running"));
        CompositeData status = (CompositeData) jmx.getAttribute(name, "Status");
        assertEquals(true, status.get("running"));
        assertEquals(1L, status.get("generation"));

        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> jmx.invoke(name, "update", new Object[] {"cpu.abs=ninety"}, ONE_STRING));
        assertTrue(refused.getCause() instanceof IllegalArgumentException);
        assertTrue(refused.getCause().getMessage().contains("zprof.cpu.abs=ninety"), refused.getCause().getMessage());
        assertEquals(1L, ((CompositeData) jmx.getAttribute(name, "Status")).get("generation"));

        assertEquals(2L, jmx.invoke(name, "update", new Object[] {"cpu.enabled=true\nzprof.cpu.abs=90"}, ONE_STRING));
        assertEquals(90, zprof.config().cpu().abs());
        CompositeData[] rules = (CompositeData[]) ((CompositeData) jmx.getAttribute(name, "Status")).get("rules");
        assertTrue(Arrays.stream(rules).anyMatch(r -> r.get("name").equals("cpu") && r.get("enabled").equals(true)));
        assertEquals(3L, jmx.invoke(name, "update", new Object[] {"cpu.abs="}, ONE_STRING), "an empty value removes");
        assertEquals(zprof.config().cpu().abs(), io.zprof.api.config.ZprofConfig.defaults().cpu().abs());

        long cycles = zprof.status().counters().get("cycles");
        assertEquals(true, jmx.invoke(name, "sampleNow", new Object[0], new String[0]));
        assertEquals(cycles + 1, zprof.status().counters().get("cycles"));

        String event = (String) jmx.invoke(name, "capture", new Object[] {"threads", "from jconsole"}, TWO_STRINGS);
        assertTrue(event.contains(" manual "), event);
        String eventId = zprof.status().recentEvents().get(0).eventId();
        assertTrue(event.contains(eventId), event);
        assertTrue(zprof.status().recentEvents().get(0).reason().equals("from jconsole"));
        RuntimeMBeanException unknown = assertThrows(RuntimeMBeanException.class,
                () -> jmx.invoke(name, "capture", new Object[] {"treads", "typo"}, TWO_STRINGS));
        assertTrue(unknown.getCause().getMessage().contains("unknown dump kind 'treads'"), unknown.getCause().getMessage());

        ZprofMBeans.unregister();
        assertFalse(jmx.isRegistered(name));
        assertTrue(Files.isDirectory(tmp.resolve("dumps")));
    }

    @Test
    void aCaptureWhileStoppedIsRefusedWithTheReason() throws Exception {
        zprof = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.dump.path", tmp.resolve("dumps").toString())))
                .manualSampling().build();
        ZprofMBeans.register(zprof);
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class, () -> client.getMBeanServerConnection()
                .invoke(new ObjectName(ZprofMBeans.OBJECT_NAME), "capture", new Object[] {"threads", "x"}, TWO_STRINGS));
        assertTrue(refused.getCause() instanceof IllegalStateException, refused.getCause().toString());
    }
}
