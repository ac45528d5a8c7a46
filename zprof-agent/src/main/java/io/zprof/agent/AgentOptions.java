package io.zprof.agent;

import io.zprof.api.config.ConfigurationException;
import io.zprof.core.jmx.SettingChanges;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's options, {@code -javaagent:zprof-agent.jar=key=value,...} or {@code attach <pid> key=value...}, as
 * {@code zprof.*} settings. A key is a setting's name with or without {@code zprof.} ({@code cpu.abs=80}); the
 * shorthands {@code config} ({@code zprof.config.file}), {@code plugins} ({@code zprof.agent.plugins}) and
 * {@code log.level}, {@code log.target} ({@code zprof.agent.log.*}) are the agent's own. A part without {@code =}
 * continues the previous value, so lists keep their commas: {@code plugins=/a.jar,/b.jar,cpu.abs=80}.
 */
final class AgentOptions {
    private AgentOptions() {
    }

    /**
     * @param options the option string, possibly empty or {@code null}
     * @return full keys and values, in the order given
     * @throws ConfigurationException for a part that starts the string without {@code =}
     */
    static Map<String, String> parse(String options) {
        Map<String, String> out = new LinkedHashMap<>();
        if (options == null || options.isBlank()) {
            return out;
        }
        String key = null;
        for (String part : options.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                key = qualified(part.substring(0, eq).trim());
                out.put(key, part.substring(eq + 1).trim());
            } else if (key != null) {
                out.put(key, out.get(key) + "," + part.trim());
            } else {
                throw new ConfigurationException("zprof agent options", options, "expected key=value,...");
            }
        }
        return out;
    }

    private static String qualified(String key) {
        return switch (key) {
            case "config" -> "zprof.config.file";
            case "plugins" -> AgentKeys.PLUGINS;
            case "log.level" -> AgentKeys.LOG_LEVEL;
            case "log.target" -> AgentKeys.LOG_TARGET;
            default -> SettingChanges.qualified(key);
        };
    }
}
