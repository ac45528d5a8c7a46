package io.zprof.core.jmx;

/**
 * zprof as JMX shows it, under {@link ZprofMBeans#OBJECT_NAME}: jconsole, JMC and any JMX-based monitoring read its
 * status and drive it. Every type is an open type, so a client needs no zprof class.
 */
public interface ZprofMXBean {
    /** @return {@code Zprof.status().describe()}: the multi-line report */
    String getStatusText();

    /** @return the status as open data (a {@code CompositeData} to a client) */
    StatusData getStatus();

    /**
     * Changes settings of the running engine atomically: the given keys are laid over the settings in force (a key
     * with an empty value is removed, back to the file's or the default); an invalid change changes nothing.
     *
     * @param properties {@code key=value} lines in the properties-file format; keys with or without {@code zprof.}
     * @return the configuration generation now in force
     * @throws IllegalArgumentException naming the bad key and value
     */
    long update(String properties);

    /** @return whether a sampling cycle ran now (see {@code Zprof.sampleNow()}) */
    boolean sampleNow();

    /**
     * Captures evidence now, through the same pipeline as a rule, and waits for the bundle.
     *
     * @param kinds  comma-separated dump kinds: {@code cpu}, {@code heap}, {@code threads}, {@code threadcreate},
     *               {@code alloc}, {@code lock}
     * @param reason why, recorded in the event
     * @return the event: its id, files and error
     * @throws IllegalArgumentException for an unknown kind
     * @throws IllegalStateException    when zprof is not running or a capture is already in progress
     */
    String capture(String kinds, String reason);
}
