package io.zprof.dumper.jfr.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The class histogram of the live heap, as {@code jcmd GC.class_histogram} prints it, through the
 * DiagnosticCommand MBean. It forces a full GC (so it counts live objects only, like the heap dump), but
 * it does not write the heap: its pause is that of one full GC.
 */
final class ClassHistogram {
    private static final String MBEAN = "com.sun.management:type=DiagnosticCommand";
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    /**
     * One class of a histogram; classes of the same name from several loaders are summed.
     *
     * @param instances live instances
     * @param bytes     their shallow size
     */
    record Row(long instances, long bytes) {
        Row plus(Row o) {
            return new Row(instances + o.instances, bytes + o.bytes);
        }
    }

    private ClassHistogram() {
    }

    /**
     * @return the histogram text of the live heap
     * @throws IOException when the diagnostic command is not available or fails
     */
    static String capture() throws IOException {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(MBEAN), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(text);
        } catch (JMException | RuntimeException e) {
            throw new IOException("class histogram through " + MBEAN + " failed: " + e, e);
        }
    }

    /**
     * @param text a histogram as {@link #capture()} returns it (module suffixes are dropped)
     * @return rows by class name
     */
    static Map<String, Row> parse(String text) {
        Map<String, Row> rows = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.merge(m.group(3), new Row(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))), Row::plus);
            }
        }
        return rows;
    }
}
