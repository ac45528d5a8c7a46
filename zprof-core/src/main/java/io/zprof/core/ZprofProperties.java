package io.zprof.core;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.core.internal.config.ConfigBinder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where flat {@code zprof.*} settings come from, merged lowest first: an optional properties file
 * ({@code zprof.config.file} / {@code ZPROF_CONFIG_FILE}), then environment variables ({@code ZPROF_CPU_ABS=80} is
 * {@code zprof.cpu.abs=80}), then system properties ({@code -Dzprof.cpu.abs=80}). Programmatic settings passed to
 * {@link Zprof} come last and win.
 */
public final class ZprofProperties {
    /** {@code <SERVICE>_SERVICE_HOST}, {@code _SERVICE_PORT[_<port name>]}, {@code _PORT_<n>_<proto>[_ADDR|_PORT|_PROTO]}. */
    private static final Pattern SERVICE_LINK = Pattern.compile(
            "ZPROF(_[A-Z0-9_]+)?_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_[0-9]+_(TCP|UDP|SCTP)(_(ADDR|PORT|PROTO))?)");
    /** The value of {@code <SERVICE>_PORT}: {@code tcp://10.0.0.11:6379}. */
    private static final Pattern SERVICE_LINK_ADDRESS = Pattern.compile("(tcp|udp|sctp)://.*");

    private static final Logger LOG = LoggerFactory.getLogger(ZprofProperties.class);

    private ZprofProperties() {
    }

    /** @return the settings of this process: file, environment and system properties merged */
    public static ConfigProperties fromEnvironment() {
        return merge(System.getenv(), toMap(System.getProperties()));
    }

    /**
     * @param env          environment variables (only {@code ZPROF_*} are read)
     * @param systemProps  system properties (only {@code zprof.*} are read)
     * @return the merged settings, including the properties file named by either
     * @throws ConfigurationException when the named file cannot be read
     */
    public static ConfigProperties merge(Map<String, String> env, Map<String, String> systemProps) {
        Map<String, String> overlay = overlay(env, systemProps);
        String file = overlay.get("zprof.config.file");
        Map<String, String> merged = new TreeMap<>();
        if (file != null && !file.isBlank()) {
            merged.putAll(readFile(Path.of(file.trim())));
        }
        merged.putAll(overlay);
        return ConfigProperties.of(merged);
    }

    /**
     * The settings that win over the properties file's, which a {@link ConfigFileWatcher} lays over each new content
     * of the file.
     *
     * @param env         environment variables (only {@code ZPROF_*} are read)
     * @param systemProps system properties (only {@code zprof.*} are read)
     * @return environment settings overlaid with system properties, without the file's
     */
    public static Map<String, String> overlay(Map<String, String> env, Map<String, String> systemProps) {
        Map<String, String> merged = new TreeMap<>(fromEnvironmentVariables(env));
        systemProps.forEach((k, v) -> {
            if (k.startsWith("zprof.")) {
                merged.put(k, v);
            }
        });
        return merged;
    }

    /** @return the system properties as a map */
    public static Map<String, String> systemProperties() {
        return toMap(System.getProperties());
    }

    /**
     * @param env environment variables
     * @return the {@code ZPROF_*} ones as {@code zprof.*} keys: upper case to lower, {@code _} to {@code .}, and
     *         {@code __} to one {@code _} for names that contain it ({@code ZPROF_LABELS_SERVICE__TIER} is the label
     *         {@code service_tier}); a variable that names no zprof setting ({@code ZPROF_PORT}, which Kubernetes sets
     *         for a Service named {@code zprof}, or {@code ZPROF_HOME}) is left out, and one warning lists their names
     */
    public static Map<String, String> fromEnvironmentVariables(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        Set<String> ignored = new TreeSet<>();
        env.forEach((k, v) -> {
            if (k.startsWith("ZPROF_")) {
                // an environment variable name cannot contain NUL: it stands for "__" while single ones turn into dots
                String key = k.toLowerCase(Locale.ROOT).replace("__", "\0").replace('_', '.').replace('\0', '_');
                if (!isKubernetesServiceLink(k, v) && ConfigBinder.isSetting(key)) {
                    out.put(key, v);
                } else {
                    ignored.add(k);
                }
            }
        });
        if (!ignored.isEmpty()) {
            // Kubernetes sets ZPROF_PORT, ZPROF_SERVICE_HOST, ... for a Service named zprof: never a reason to fail
            LOG.warn("zprof: ignoring environment variables that are not zprof settings: {}", String.join(", ", ignored));
        }
        return out;
    }

    /**
     * Kubernetes puts these into every pod for each Service of its namespace, named after the Service: for one named
     * {@code zprof-reporter-http}, {@code ZPROF_REPORTER_HTTP_SERVICE_HOST} would otherwise read as a setting of the
     * http reporter and stop the application.
     *
     * @param name  an environment variable's name
     * @param value its value
     * @return whether it has the shape of a Kubernetes service link
     */
    static boolean isKubernetesServiceLink(String name, String value) {
        return SERVICE_LINK.matcher(name).matches()
                || name.endsWith("_PORT") && SERVICE_LINK_ADDRESS.matcher(value).matches();
    }

    /**
     * @param file a {@code .properties} file
     * @return its {@code zprof.*} entries
     * @throws ConfigurationException naming {@code zprof.config.file} when it cannot be read
     */
    public static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("zprof.config.file", file, "cannot be read: " + e.getMessage());
        }
        Map<String, String> out = new TreeMap<>();
        toMap(p).forEach((k, v) -> {
            if (k.startsWith("zprof.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> out = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            out.put(name, p.getProperty(name));
        }
        return out;
    }
}
