package io.zprof.agent.boot;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers {@link AgentControlMBean} in the platform MBean server while zprof runs through the agent. */
public final class AgentControl implements AgentControlMBean {
    /** {@code io.zprof:type=ZprofAgent}. */
    public static final String NAME = "io.zprof:type=ZprofAgent";

    private AgentControl() {
    }

    static void register() {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new AgentControl(), new ObjectName(NAME));
        } catch (InstanceAlreadyExistsException already) {
            // a second attach
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + NAME + ": " + e, e);
        }
    }

    static void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(new ObjectName(NAME));
        } catch (InstanceNotFoundException notThere) {
            // never registered, or detached before
        } catch (JMException e) {
            throw new IllegalStateException("cannot unregister " + NAME + ": " + e, e);
        }
    }

    @Override
    public boolean isAttached() {
        return AgentBoot.attached();
    }

    @Override
    public String getOptions() {
        return AgentBoot.options();
    }

    @Override
    public String getLastError() {
        return AgentBoot.lastError();
    }

    @Override
    public boolean detach() {
        return AgentBoot.detach();
    }
}
