package io.zprof.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link AgentOptions}: the option string of {@code -javaagent:zprof-agent.jar=...} as {@code zprof.*} settings. */
class AgentOptionsTest {
    @Test
    void keysGetTheirPrefixAndTheAgentsShorthandsTheirKeys() {
        Map<String, String> o = AgentOptions.parse("cpu.abs=80,zprof.cpu.min=10,config=/etc/zprof.properties,"
                + "log.level=debug,log.target=file");
        assertEquals(Map.of("zprof.cpu.abs", "80", "zprof.cpu.min", "10", "zprof.config.file", "/etc/zprof.properties",
                AgentKeys.LOG_LEVEL, "debug", AgentKeys.LOG_TARGET, "file"), o);
    }

    @Test
    void aPartWithoutEqualsContinuesTheValueBeforeIt() {
        Map<String, String> o = AgentOptions.parse("plugins=/opt/a.jar,/opt/b.jar,reporters=http,pyroscope,cpu.abs=80");
        assertEquals("/opt/a.jar,/opt/b.jar", o.get(AgentKeys.PLUGINS));
        assertEquals("http,pyroscope", o.get("zprof.reporters"));
        assertEquals(List.of(AgentKeys.PLUGINS, "zprof.reporters", "zprof.cpu.abs"), List.copyOf(o.keySet()));
    }

    @Test
    void emptyOptionsAreNoSettingsAndALeadingPartWithoutAKeyIsRefused() {
        assertTrue(AgentOptions.parse(null).isEmpty());
        assertTrue(AgentOptions.parse("").isEmpty());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> AgentOptions.parse("80,cpu.abs=1"));
        assertTrue(e.getMessage().contains("expected key=value"), e.getMessage());
    }

    @Test
    void anUnknownAgentKeyIsRefusedWithoutItsValue() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> AgentKeys.check(List.of("zprof.cpu.abs", "zprof.agent.plugin")));
        assertTrue(e.getMessage().startsWith("zprof.agent.plugin: unknown setting"), e.getMessage());
        AgentKeys.check(List.of(AgentKeys.PLUGINS, AgentKeys.LOG_LEVEL, AgentKeys.LOG_TARGET, "zprof.cpu.abs"));
    }
}
