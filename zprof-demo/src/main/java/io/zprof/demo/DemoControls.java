package io.zprof.demo;

/**
 * What the demo's steps ({@link DemoWorkload}) need from zprof, whichever way it runs: the embedded demo answers
 * through the library's API ({@link Demo}), the demo under the agent through the platform MBean
 * {@code io.zprof:type=Zprof} and the dump directory, as an operator would ({@link AgentDemo}). Both print every
 * event they see through {@link DemoOutput}.
 */
interface DemoControls {
    /**
     * Changes one setting of the running zprof.
     *
     * @param key   the full key, {@code zprof.memory.enabled}
     * @param value its new value
     * @throws Exception when zprof refuses it
     */
    void update(String key, String value) throws Exception;

    /**
     * @param rule a rule's name
     * @return whether the rule has finished its warm-up and filled its baseline window (its reason says "not fired")
     * @throws Exception when zprof cannot be asked
     */
    boolean learned(String rule) throws Exception;

    /**
     * Waits for the next event and prints it.
     *
     * @param millis how long to wait at most
     * @return the rule of the event printed, or {@code null} when none came in time
     * @throws Exception when zprof cannot be asked
     */
    String nextEvent(long millis) throws Exception;
}
