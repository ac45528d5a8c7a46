package io.zprof.spring.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the README's Configuration table ({@code | key | default | meaning |}) into one entry per key. A row may
 * name several keys: {@code zprof.cpu.{enabled,min,...}} with defaults {@code off, 20, ...} in the same order,
 * {@code zprof.memory.{...}} with the fields of the row above, or {@code `zprof.dump.maxfiles` / `maxbytes`} with
 * defaults separated by {@code /}. Rows about names of your own ({@code <name>}) are left out.
 */
final class ReadmeConfigurationTable {
    private static final Pattern BRACES = Pattern.compile("`(zprof\\.[a-z.]+)\\.\\{([^}]*)}`");
    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

    private ReadmeConfigurationTable() {
    }

    /**
     * @param readme the README's text
     * @return by full key: {@code [default as typed or null, meaning]}
     */
    static Map<String, String[]> parse(String readme) {
        Map<String, String[]> out = new LinkedHashMap<>();
        int start = readme.indexOf("| key | default | meaning |");
        if (start < 0) {
            throw new IllegalStateException("the README has no configuration table");
        }
        List<String> lastFields = List.of();
        for (String line : readme.substring(start).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", 3);
            if (cells.length < 3 || !cells[0].contains("`zprof.") || cells[0].contains("<")) {
                continue;
            }
            String keyCell = cells[0].trim();
            String meaning = cells[2].trim().replace("`", "");
            List<String> keys = new ArrayList<>();
            List<String> defaults;
            Matcher braces = BRACES.matcher(keyCell);
            if (braces.find()) {
                List<String> fields = braces.group(2).equals("...") ? lastFields : List.of(braces.group(2).split(","));
                lastFields = fields;
                fields.forEach(f -> keys.add(braces.group(1) + "." + f.trim()));
                defaults = List.of(cells[1].split(","));
            } else {
                Matcher t = TICKED.matcher(keyCell);
                String parent = null;
                while (t.find()) {
                    String k = t.group(1);
                    if (k.startsWith("zprof.")) {
                        parent = k.substring(0, k.lastIndexOf('.'));
                        keys.add(k);
                    } else if (parent != null) {
                        keys.add(parent + "." + k);
                    }
                }
                defaults = List.of(cells[1].split(keys.size() > 1 ? "/" : "\\u0000"));
            }
            for (int i = 0; i < keys.size(); i++) {
                String d = i < defaults.size() ? cleanDefault(defaults.get(i)) : null;
                out.put(keys.get(i), new String[] {d, meaning});
            }
        }
        return out;
    }

    /** @return the default as a user would type it, or {@code null} when the table gives none */
    private static String cleanDefault(String cell) {
        String d = cell.replace("`", "").trim();
        if (d.startsWith("(") || d.isEmpty() || d.contains("<")) {
            return null;
        }
        d = d.replace("(detect)", "").trim();
        return switch (d) {
            case "off" -> "false";
            case "on" -> "true";
            default -> d;
        };
    }
}
