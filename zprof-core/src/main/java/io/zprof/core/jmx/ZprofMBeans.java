package io.zprof.core.jmx;

import io.zprof.api.config.ConfigProperties;
import io.zprof.core.Zprof;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.Consumer;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers a {@link Zprof} in the platform MBean server as {@link #OBJECT_NAME}, one call for a library user:
 *
 * <pre>{@code
 * ZprofMBeans.register(zprof);
 * }</pre>
 *
 * zprof-agent registers it itself. One engine per JVM: registering again replaces the previous one.
 */
public final class ZprofMBeans {
    /** {@code io.zprof:type=Zprof}. */
    public static final String OBJECT_NAME = "io.zprof:type=Zprof";

    private ZprofMBeans() {
    }

    /**
     * Registers the engine; {@code update} lays its changes over {@link Zprof#properties()}.
     *
     * @param zprof the engine
     * @throws IllegalStateException when the MBean server refuses it
     */
    public static void register(Zprof zprof) {
        register(zprof, changes -> zprof.update(ConfigProperties.of(
                SettingChanges.applyTo(toMap(zprof.properties()), changes))));
    }

    /**
     * Registers the engine with an update of the caller's (the agent keeps its layers of settings).
     *
     * @param zprof  the engine
     * @param update applies parsed {@link SettingChanges}, atomically or not at all
     * @throws IllegalStateException when the MBean server refuses it
     */
    public static void register(Zprof zprof, Consumer<Map<String, String>> update) {
        unregister();
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new ZprofManagement(zprof, update), name());
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + OBJECT_NAME + ": " + e, e);
        }
    }

    /**
     * Removes the MBean, when there is one.
     *
     * @throws IllegalStateException when the MBean server refuses it
     */
    public static void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name());
        } catch (InstanceNotFoundException none) {
            // nothing registered
        } catch (JMException e) {
            throw new IllegalStateException("cannot unregister " + OBJECT_NAME + ": " + e, e);
        }
    }

    /** @return {@link #OBJECT_NAME} */
    public static ObjectName name() {
        try {
            return new ObjectName(OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param props flat settings
     * @return them as a map
     */
    public static Map<String, String> toMap(ConfigProperties props) {
        Map<String, String> out = new java.util.TreeMap<>();
        props.keys().forEach(k -> out.put(props.fullKey(k), props.get(k)));
        return out;
    }
}
