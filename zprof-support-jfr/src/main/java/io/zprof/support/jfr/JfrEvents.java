package io.zprof.support.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/** Reading JFR files one event at a time, and naming what the text forms show. */
public final class JfrEvents {
    private JfrEvents() {
    }

    /**
     * Streams every event of a file without holding them all in memory.
     *
     * @param recording a JFR file
     * @param consumer  called once per event, in file order
     * @throws IOException when the file cannot be read, naming it
     */
    public static void forEach(Path recording, Consumer<RecordedEvent> consumer) throws IOException {
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                consumer.accept(file.readEvent());
            }
        } catch (IOException e) {
            throw new IOException("cannot read JFR file " + recording + ": " + e.getMessage(), e);
        }
    }

    /** @param frame a stack frame @return {@code package.Class.method}, the unit the tables aggregate by */
    public static String method(RecordedFrame frame) {
        RecordedMethod m = frame.getMethod();
        return m == null ? "<unknown>" : m.getType().getName() + "." + m.getName();
    }

    /** @param frame a stack frame @return the method with its line, e.g. {@code a.B.c(line 12)} */
    public static String methodAndLine(RecordedFrame frame) {
        int line = frame.getLineNumber();
        return method(frame) + (line > 0 ? "(line " + line + ")" : "()");
    }

    /**
     * @param c a class, possibly null
     * @return its name as Java source writes it: {@code byte[]} rather than JFR's {@code [B}
     */
    public static String className(RecordedClass c) {
        if (c == null) {
            return "<unknown>";
        }
        String name = c.getName();
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return name;
        }
        String element = switch (name.charAt(dims)) {
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'F' -> "float";
            case 'D' -> "double";
            case 'L' -> name.substring(dims + 1, name.length() - 1);
            default -> name.substring(dims);
        };
        return element + "[]".repeat(dims);
    }

    /** @param event an event @return the thread it is about: the sampled thread for samples, else the event thread */
    public static String threadName(RecordedEvent event) {
        RecordedThread t = event.hasField("sampledThread") ? event.getThread("sampledThread") : event.getThread();
        return name(t);
    }

    /** @param event an event @return the Java id of the thread it is about, or -1 */
    public static long threadId(RecordedEvent event) {
        RecordedThread t = event.hasField("sampledThread") ? event.getThread("sampledThread") : event.getThread();
        return t == null ? -1 : t.getJavaThreadId();
    }

    /** @param t a thread, possibly null @return its Java name, else its OS name, else {@code <unknown>} */
    public static String name(RecordedThread t) {
        if (t == null) {
            return "<unknown>";
        }
        String n = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return n == null ? "<unknown>" : n;
    }

    /** Earliest start and latest end of the events seen, for headers. */
    public static final class TimeSpan {
        private Instant first;
        private Instant last;

        /** An empty span. */
        public TimeSpan() {
        }

        /** @param event an event to include */
        public void add(RecordedEvent event) {
            if (first == null || event.getStartTime().isBefore(first)) {
                first = event.getStartTime();
            }
            if (last == null || event.getEndTime().isAfter(last)) {
                last = event.getEndTime();
            }
        }

        /** @return {@code from <first> to <last>}, or {@code no events} */
        @Override
        public String toString() {
            return first == null ? "no events" : "from " + first + " to " + last;
        }
    }
}
