package io.zprof.spring.boot;

import io.zprof.core.ZprofProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Reads every {@code zprof.*} setting of a Spring {@link ConfigurableEnvironment} into the flat map zprof's binder
 * takes, so keys, ranges and error messages are the core's. Property sources are merged in Spring's precedence
 * (command line over system properties over environment variables over profile files over
 * {@code application.yml}); placeholders are resolved; a YAML list ({@code zprof.reporters: [http, pyroscope]}) becomes
 * the comma-separated value the core reads. Environment variables go through the core's own mapping
 * ({@link ZprofProperties#fromEnvironmentVariables}: {@code ZPROF_CPU_ABS} is {@code zprof.cpu.abs}, {@code __} an
 * underscore, Kubernetes service links ignored), so they mean the same with and without Spring. A properties file
 * named by {@code zprof.config.file} is read under all of them, as the core does.
 */
final class EnvironmentSettings {
    private static final String PREFIX = "zprof.";
    /** {@code zprof.reporters[0]}: one element of a list. */
    private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d+)]");

    private EnvironmentSettings() {
    }

    /**
     * @param env the application's environment
     * @return its {@code zprof.*} settings, keys as written, values as strings
     */
    static Map<String, String> read(ConfigurableEnvironment env) {
        List<PropertySource<?>> sources = new ArrayList<>();
        env.getPropertySources().forEach(sources::add);
        Collections.reverse(sources); // lowest precedence first: later ones overwrite
        Map<String, String> out = new TreeMap<>();
        for (PropertySource<?> source : sources) {
            if (source instanceof SystemEnvironmentPropertySource sys) {
                out.putAll(ZprofProperties.fromEnvironmentVariables(strings(sys.getSource())));
            } else if (source instanceof EnumerablePropertySource<?> e) {
                out.putAll(settingsOf(e, env));
            }
        }
        String file = out.get("zprof.config.file");
        if (file != null && !file.isBlank()) {
            Map<String, String> withFile = new TreeMap<>(ZprofProperties.readFile(Path.of(file.trim())));
            withFile.putAll(out);
            return withFile;
        }
        return out;
    }

    private static Map<String, String> settingsOf(EnumerablePropertySource<?> source, ConfigurableEnvironment env) {
        Map<String, String> out = new TreeMap<>();
        Map<String, Map<Integer, String>> lists = new TreeMap<>();
        for (String name : source.getPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            Object raw = source.getProperty(name);
            String value = raw == null ? "" : env.resolvePlaceholders(String.valueOf(raw));
            Matcher m = INDEXED.matcher(name);
            if (m.matches()) {
                lists.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), value);
            } else {
                out.put(name, value);
            }
        }
        // a list in this source replaces the setting whole, like any other value
        lists.forEach((key, items) -> out.put(key, String.join(",", items.values())));
        return out;
    }

    private static Map<String, String> strings(Map<String, Object> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
