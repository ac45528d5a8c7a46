package io.zprof.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.DumpKind;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.core.internal.config.ConfigBinder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} from the core's own vocabulary, not by hand: the keys
 * are {@link ConfigBinder#knownKeys()} and the settings the providers on the starter's class path declare
 * ({@link ComponentProvider#settingKeys()}); each key's type is what the core's binder asks of its value (found by
 * binding a value no type accepts and reading the error); descriptions and defaults are the README's Configuration
 * table. {@link ConfigurationMetadataTest} fails when the committed file differs from what this produces.
 */
final class ConfigurationMetadataGenerator {
    /** What each field of a threshold rule means (README, "Rule semantics"). */
    private static final Map<String, String> RULE_FIELDS = Map.of(
            "enabled", "whether the rule is on",
            "min", "never fires at or below this value",
            "abs", "fires above this value (0: this branch off)",
            "diff", "fires when this many percent above the window's average (0: this branch off)",
            "cooldown", "no new firing within this time of the last one",
            "max", "never fires above this value (0: no ceiling)",
            "dumps", "what it captures when it fires: dump kinds, comma-separated");

    /** Keys the README's table does not list as rows of their own. */
    private static final Map<String, String> OTHERS = Map.of(
            "zprof.config.file", "A properties file of zprof.* settings, read under every other source");

    private final Map<String, String[]> readme;

    /** @param readme the README's text */
    ConfigurationMetadataGenerator(String readme) {
        this.readme = ReadmeConfigurationTable.parse(readme);
    }

    /** @return the metadata JSON, keys sorted */
    String generate() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        ObjectNode group = groups.addObject();
        group.put("name", "zprof");
        group.put("description", "zprof: in-process diagnostics (see the zprof README's Configuration section).");
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        for (String key : allKeys()) {
            ObjectNode p = properties.addObject();
            p.put("name", key);
            String type = typeOf(key);
            p.put("type", type.startsWith("java.") ? type : "java.lang.String");
            String[] row = readme.get(key);
            String description = row == null ? OTHERS.get(key) : describe(key, row[1]);
            if (description != null) {
                p.put("description", description + typeNote(type));
            }
            if (row != null && row[0] != null) {
                p.put("defaultValue", row[0]);
            }
            if (type.equals("dumps")) {
                ObjectNode h = hints.addObject();
                h.put("name", key);
                ArrayNode values = h.putArray("values");
                DumpKind.known().stream().filter(k -> k != DumpKind.PROFILE_CHUNK)
                        .forEach(k -> values.addObject().put("value", k.key()));
            }
        }
        properties.addObject().put("name", "zprof.labels").put("type", "java.util.Map<java.lang.String,java.lang.String>")
                .put("description", "Labels on every event (app, env, ...).");
        properties.addObject().put("name", "zprof.providers.disabled").put("type", "java.lang.String")
                .put("description", "Provider names never used, comma-separated.");
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the engine's keys, then each provider's declared settings, as full keys */
    List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        ConfigBinder.knownKeys().forEach(k -> keys.add("zprof." + k));
        TreeSet<String> adapters = new TreeSet<>();
        for (Class<? extends ComponentProvider<?>> role : List.<Class<? extends ComponentProvider<?>>>of(
                CollectorProvider.class, DumperProvider.class)) {
            String prefix = role == CollectorProvider.class ? "zprof.collector." : "zprof.dumper.";
            for (ComponentProvider<?> p : ServiceLoader.load(role)) {
                p.settingKeys().ifPresent(set -> set.stream().filter(s -> !s.endsWith("."))
                        .forEach(s -> adapters.add(prefix + p.name() + "." + s)));
            }
        }
        keys.addAll(adapters);
        keys.remove("zprof.config.file"); // read by the property sources; listed below the others anyway
        keys.add("zprof.config.file");
        return keys;
    }

    /** @return the Java type of a key's values, {@code dumps} or {@code enum} for the core's own kinds of text */
    static String typeOf(String key) {
        if (ConfigBinder.adapterKey(key) != null) {
            return "java.lang.String";
        }
        try {
            ConfigBinder.bind(ConfigProperties.of(Map.of(key, "~")));
            return "java.lang.String";
        } catch (ConfigurationException e) {
            String problem = String.valueOf(e.getMessage());
            if (problem.contains("not a boolean")) {
                return "java.lang.Boolean";
            } else if (problem.contains("not a whole number")) {
                return "java.lang.Integer";
            } else if (problem.contains("not a plain decimal")) {
                return "java.lang.Double";
            } else if (problem.contains("not a duration")) {
                return "duration";
            } else if (problem.contains("not a size")) {
                return "size";
            } else if (problem.contains("unknown dump kind")) {
                return "dumps";
            } else if (problem.contains("must be one of")) {
                return "enum";
            }
            return "java.lang.String";
        }
    }

    private static String typeNote(String type) {
        return switch (type) {
            case "duration" -> " A duration: 500ms, 1.5s, 10m, 1h, 2d or PT5S.";
            case "size" -> " A size: bytes, or 512k, 64m, 1g (binary multiples).";
            default -> "";
        };
    }

    private static String describe(String key, String meaning) {
        String field = key.substring(key.lastIndexOf('.') + 1);
        String[] parts = key.split("\\.");
        boolean thresholdRule = parts.length == 3 && List.of("cpu", "memory", "threads", "osthreads").contains(parts[1]);
        String text = thresholdRule ? capitalize(meaning) + ": " + RULE_FIELDS.get(field) : capitalize(meaning);
        return text.endsWith(".") ? text : text + ".";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * @param args the README and the file to write
     * @throws IOException when either cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        String text = new ConfigurationMetadataGenerator(Files.readString(Path.of(args[0]))).generate();
        Files.writeString(Path.of(args[1]), text, StandardCharsets.UTF_8);
    }
}
