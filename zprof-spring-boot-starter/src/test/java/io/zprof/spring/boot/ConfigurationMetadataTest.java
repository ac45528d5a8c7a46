package io.zprof.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata IDEs read is the core's vocabulary: the committed file equals what
 * {@link ConfigurationMetadataGenerator} makes from it. After a key was added to the core (or its README row
 * changed), rewrite the file with
 * {@code mvn -pl zprof-spring-boot-starter -am verify -Dtest=ConfigurationMetadataTest -Dwrite.metadata=true}.
 */
class ConfigurationMetadataTest {
    private static final Path README = Path.of("../README.md");
    private static final Path METADATA = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");

    @Test
    void theCommittedMetadataIsGeneratedFromTheCoresKeys() throws IOException {
        String generated = new ConfigurationMetadataGenerator(Files.readString(README)).generate();
        if (Boolean.getBoolean("write.metadata")) {
            Files.writeString(METADATA, generated);
        }
        assertEquals(generated, Files.readString(METADATA),
                "the metadata is out of date: rerun this test with -Dwrite.metadata=true");
    }

    @Test
    void everyKeyOfTheCoreIsThereWithATypeAndADescription() throws IOException {
        JsonNode root = new ObjectMapper().readTree(new ConfigurationMetadataGenerator(Files.readString(README)).generate());
        Set<String> names = new HashSet<>();
        for (JsonNode p : root.get("properties")) {
            names.add(p.get("name").asText());
            assertTrue(p.hasNonNull("type"), p.toString());
            assertTrue(p.hasNonNull("description"), "no README row describes " + p.get("name"));
        }
        for (String k : io.zprof.core.internal.config.ConfigBinder.knownKeys()) {
            assertTrue(names.contains("zprof." + k), "zprof." + k);
        }
        assertTrue(names.contains("zprof.collector.cgroup.root"), "a provider's declared setting");
        assertEquals("java.lang.Integer", ConfigurationMetadataGenerator.typeOf("zprof.warmup"));
        assertEquals("java.lang.Boolean", ConfigurationMetadataGenerator.typeOf("zprof.cpu.enabled"));
        assertEquals("java.lang.Double", ConfigurationMetadataGenerator.typeOf("zprof.cpu.abs"));
        assertEquals("duration", ConfigurationMetadataGenerator.typeOf("zprof.interval"));
    }
}
