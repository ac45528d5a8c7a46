package io.zprof.api.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A kind of evidence a dumper can capture, identified by its {@link #key()}. The built-in kinds are the constants
 * below; a third-party dumper declares its own with {@link #custom(String)} (typically in a {@code static final}
 * field of its provider) and lists it in {@code DumperProvider.kinds()}, and rules can then ask for it in their
 * {@code dumps}. One key, one instance: kinds are compared by identity.
 */
public final class DumpKind {
    /** Keys of declared kinds: one lowercase word of letters and digits, as file names and settings use it. */
    private static final Pattern CUSTOM_KEY = Pattern.compile("[a-z][a-z0-9]*");
    /** The longest key {@link #custom} accepts. */
    public static final int MAX_KEY_LENGTH = 32;

    private static final Map<String, DumpKind> BY_KEY = new ConcurrentHashMap<>();
    private static final List<DumpKind> KNOWN = new CopyOnWriteArrayList<>();

    /** CPU profile: JFR {@code jdk.ExecutionSample} for the configured duration. */
    public static final DumpKind CPU = register("CPU");
    /** Allocation profile: JFR {@code jdk.ObjectAllocationSample}. */
    public static final DumpKind ALLOC = register("ALLOC");
    /** Lock profile: JFR {@code jdk.JavaMonitorEnter} and {@code jdk.ThreadPark}. */
    public static final DumpKind LOCK = register("LOCK");
    /** Heap dump (HPROF) and class histogram. */
    public static final DumpKind HEAP = register("HEAP");
    /** Thread dump (jstack-like text; JSON with virtual threads on JDK 21+). */
    public static final DumpKind THREADS = register("THREADS");
    /** Where threads are being created: JFR {@code jdk.ThreadStart} with stacks, plus a thread dump. */
    public static final DumpKind THREADCREATE = register("THREADCREATE");
    /** The continuous recording's window from before the trigger. */
    public static final DumpKind WINDOW = register("WINDOW");
    /** One chunk of continuous profiling, for upload (not a triggered capture). */
    public static final DumpKind PROFILE_CHUNK = register("PROFILE_CHUNK");
    /**
     * The incident report: one HTML file that tells the story of an event from its other files. The engine asks
     * for it after every other file of a captured event is written (whatever the rule's {@code dumps} say), with
     * {@link DumpRequest#related()} holding those files, and lists it first in the event's artifacts.
     */
    public static final DumpKind REPORT = register("REPORT");
    /**
     * Who holds the heap growth between two heap dumps (zprof-heap-analysis, in a child JVM). The engine asks for it
     * after an event with a pair of heap dumps is published, off the capture threads, when
     * {@code zprof.dump.heapholders.enabled} is on, with {@link DumpRequest#related()} holding the older and the
     * newer {@code .hprof}; then it rebuilds the event's report. Rules do not list it.
     */
    public static final DumpKind HOLDERS = register("HOLDERS");

    private final String name;
    private final String key;

    private DumpKind(String name, String key) {
        this.name = name;
        this.key = key;
    }

    private static synchronized DumpKind register(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        DumpKind existing = BY_KEY.get(key);
        if (existing != null) {
            return existing;
        }
        DumpKind k = new DumpKind(name, key);
        BY_KEY.put(key, k);
        KNOWN.add(k);
        return k;
    }

    /**
     * Declares a kind of evidence a third-party dumper captures. Declaring a key again returns the kind already
     * declared.
     *
     * @param key one word of lowercase letters and digits ({@code poolstate}), at most
     *            {@link #MAX_KEY_LENGTH} characters; it names the files of the kind and is what rules list in
     *            {@code dumps}
     * @return the registered kind
     * @throws IllegalArgumentException when the key is malformed
     */
    public static DumpKind custom(String key) {
        Objects.requireNonNull(key, "key");
        if (key.length() > MAX_KEY_LENGTH || !CUSTOM_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("dump kind '" + key + "' must be one word of lowercase letters and"
                    + " digits (e.g. poolstate), at most " + MAX_KEY_LENGTH + " characters");
        }
        return register(key.toUpperCase(Locale.ROOT));
    }

    /**
     * @param key a kind's key ({@code cpu}, {@code threadcreate}), any case, surrounding blanks ignored
     * @return the registered kind, or empty when none has that key
     */
    public static Optional<DumpKind> of(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(BY_KEY.get(key.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * @param key a name such as {@code cpu} or {@code threadcreate}, any case
     * @return the matching kind
     * @throws IllegalArgumentException when no kind has that name
     */
    public static DumpKind fromKey(String key) {
        return of(key).orElseThrow(() -> new IllegalArgumentException("unknown dump kind '" + key + "'"));
    }

    /** @return every kind registered so far, built-ins first */
    public static List<DumpKind> known() {
        return List.copyOf(KNOWN);
    }

    /** @return the lowercase name used in file names and configuration */
    public String key() {
        return key;
    }

    /** @return the constant's name ({@code CPU}, {@code PROFILE_CHUNK}), upper case, as the enum's was */
    public String name() {
        return name;
    }

    /** @return {@link #name()}, as the enum's {@code toString} did */
    @Override
    public String toString() {
        return name;
    }
}
