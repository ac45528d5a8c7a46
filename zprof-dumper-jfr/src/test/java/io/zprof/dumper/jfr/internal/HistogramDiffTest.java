package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramDiffTest {
    private static final String BEFORE = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000         100000  [B (java.base@17.0.15)
               2:           500          12000  java.lang.String (java.base@17.0.15)
               3:            10            160  com.example.Cache
               4:             5             80  com.example.Cache
               5:           100           1600  com.example.Gone
            Total          1615         113840
            """;
    private static final String AFTER = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1100         900000  [B (java.base@17.0.15)
               2:          9000         216000  java.lang.String (java.base@17.0.15)
               3:          2015          32240  com.example.Cache
               4:             7            112  com.example.New
            Total         12122        1148352
            """;

    @Test
    void parseDropsModulesAndSumsClassesOfTheSameName() {
        Map<String, ClassHistogram.Row> rows = ClassHistogram.parse(BEFORE);
        assertEquals(new ClassHistogram.Row(1000, 100000), rows.get("[B"));
        assertEquals(new ClassHistogram.Row(15, 240), rows.get("com.example.Cache"));
        assertFalse(rows.containsKey("Total"));
    }

    @Test
    void ranksGrowthByBytesAndByInstancesSeparatelyAndLeavesShrinkingClassesOut() {
        String diff = HistogramDiff.render("histogram_1.txt", ClassHistogram.parse(BEFORE), ClassHistogram.parse(AFTER));
        String byBytes = diff.substring(diff.indexOf("by growth in bytes"), diff.indexOf("by growth in instances"));
        String byInstances = diff.substring(diff.indexOf("by growth in instances"));
        assertTrue(byBytes.indexOf("[B") < byBytes.indexOf("java.lang.String"), byBytes);
        assertTrue(byInstances.indexOf("java.lang.String") < byInstances.indexOf("com.example.Cache"), byInstances);
        assertTrue(byInstances.indexOf("com.example.Cache") < byInstances.indexOf("[B"), byInstances);
        assertTrue(byInstances.contains("+2000") && byInstances.contains("com.example.New"), byInstances);
        assertFalse(diff.contains("com.example.Gone"), "shrunk classes are not growth:\n" + diff);
        assertTrue(diff.contains("instances: 1615 -> 12122 (+10507)"), diff);
    }
}
