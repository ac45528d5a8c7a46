package io.zprof.agent.boot;

/** The agent's own controls, as {@code io.zprof:type=ZprofAgent}: zprof's are on {@code io.zprof:type=Zprof}. */
public interface AgentControlMBean {
    /** @return whether zprof runs in this JVM through the agent */
    boolean isAttached();

    /** @return the options of the attaches in force, {@code key=value,...} */
    String getOptions();

    /** @return why the last attach or update through the agent failed, or {@code null} */
    String getLastError();

    /**
     * Stops zprof and releases its threads, JFR recordings, files and MBeans.
     *
     * @return whether zprof was running
     */
    boolean detach();
}
