package io.zprof.agent;

import io.zprof.agent.log.LogOutput;
import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.core.ConfigFileWatcher;
import io.zprof.core.Zprof;
import io.zprof.core.ZprofProperties;
import io.zprof.core.jmx.SettingChanges;
import io.zprof.core.jmx.ZprofMBeans;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * zprof as the agent runs it, inside the agent's private class loader. Settings, lowest first: the properties file
 * ({@code zprof.config.file}, or {@code config=}), environment variables ({@code ZPROF_*}), system properties
 * ({@code -Dzprof.*}), then the agent's options and the updates made while it runs (a second attach, the CLI's
 * {@code update}, JMX). The file is watched ({@link ConfigFileWatcher}); the engine is in JMX as
 * {@code io.zprof:type=Zprof}. {@link #accept} applies a second attach's options; {@link #close} is detach.
 */
public final class AgentRuntime implements AutoCloseable, Consumer<String> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

    private final Zprof zprof;
    private final PluginJars plugins;
    private final ConfigFileWatcher watcher;
    private final Object lock = new Object();
    // guarded by lock: options and run-time updates, the top layer
    private Map<String, String> overrides;

    private AgentRuntime(Zprof zprof, PluginJars plugins, ConfigFileWatcher watcher, Map<String, String> overrides) {
        this.zprof = zprof;
        this.plugins = plugins;
        this.watcher = watcher;
        this.overrides = overrides;
    }

    /**
     * Called by {@code io.zprof.agent.boot.AgentBoot} through reflection: the boot classes cannot see this loader's.
     *
     * @param options the agent's options
     * @return the running agent, also a {@code Consumer<String>} of later options
     * @throws ConfigurationException naming the bad key and value (nothing is left running)
     */
    public static AgentRuntime start(String options) {
        Map<String, String> overrides = AgentOptions.parse(options);
        try {
            return start(overrides);
        } catch (RuntimeException e) {
            LOG.error("zprof agent not started: {}", e.getMessage());
            throw e;
        }
    }

    private static AgentRuntime start(Map<String, String> overrides) {
        Map<String, String> sys = ZprofProperties.systemProperties();
        sys.putAll(overrides);
        ConfigProperties props = ZprofProperties.merge(System.getenv(), sys);
        Map<String, String> flat = ZprofMBeans.toMap(props);
        AgentKeys.check(flat.keySet());
        PluginJars plugins = PluginJars.load(flat.get(AgentKeys.PLUGINS), AgentRuntime.class.getClassLoader());
        Zprof zprof = null;
        ConfigFileWatcher watcher = null;
        try {
            zprof = Zprof.builder().properties(props).classLoader(plugins.loader()).build();
            configureLogging(flat, zprof);
            zprof.start();
            String file = flat.get("zprof.config.file");
            if (file != null && !file.isBlank()) {
                watcher = ConfigFileWatcher.start(zprof, Path.of(file.trim()), overlay(overrides));
            }
            AgentRuntime runtime = new AgentRuntime(zprof, plugins, watcher, Map.copyOf(overrides));
            ZprofMBeans.register(zprof, runtime::change);
            LOG.info("zprof agent started (dump directory {}{})", zprof.config().dump().directory(),
                    file == null ? "" : ", watching " + file);
            return runtime;
        } catch (RuntimeException e) {
            if (watcher != null) {
                watcher.close();
            }
            if (zprof != null) {
                zprof.stop();
            }
            plugins.close();
            LogOutput.reset();
            throw e;
        }
    }

    /** @param options a later attach's options, laid over those in force */
    @Override
    public void accept(String options) {
        change(AgentOptions.parse(options));
    }

    /**
     * Lays changes over the agent's top layer and applies the whole atomically.
     *
     * @param changes full keys; an empty value removes the key
     * @throws ConfigurationException naming the bad key and value (nothing changed)
     */
    void change(Map<String, String> changes) {
        synchronized (lock) {
            for (String k : AgentKeys.FIXED) {
                if (changes.containsKey(k) && !Objects.equals(changes.get(k), overrides.get(k))) {
                    throw new ConfigurationException(k, changes.get(k), "fixed while attached: detach and attach again");
                }
            }
            AgentKeys.check(changes.keySet());
            Map<String, String> next = SettingChanges.applyTo(overrides, changes);
            Map<String, String> winning = overlay(next);
            if (watcher != null) {
                watcher.overlay(winning);
            } else {
                zprof.update(ConfigProperties.of(winning));
            }
            overrides = Map.copyOf(next);
            configureLogging(ZprofMBeans.toMap(zprof.properties()), zprof);
            LOG.info("zprof agent: applied {} (configuration generation {})", changes.keySet(),
                    zprof.status().generation());
        }
    }

    /** Environment and system properties under the agent's layer: what wins over the file. */
    private static Map<String, String> overlay(Map<String, String> overrides) {
        Map<String, String> out = new TreeMap<>(ZprofProperties.overlay(System.getenv(),
                ZprofProperties.systemProperties()));
        out.putAll(overrides);
        return out;
    }

    private static void configureLogging(Map<String, String> flat, Zprof zprof) {
        LogOutput.configure(flat.getOrDefault(AgentKeys.LOG_LEVEL, "info"),
                flat.getOrDefault(AgentKeys.LOG_TARGET, "stderr"), zprof.config().dump().directory());
    }

    /** Detach: stops watching and sampling (every zprof thread, JFR recording and file), leaves JMX, closes plugins. */
    @Override
    public void close() {
        ZprofMBeans.unregister();
        if (watcher != null) {
            watcher.close();
        }
        zprof.stop();
        plugins.close();
        LOG.info("zprof agent detached");
        LogOutput.reset();
    }
}
