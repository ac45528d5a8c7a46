package io.zprof.agent.boot;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A running JVM seen by the CLI: the JDK Attach API to load the agent, and a JMX connection through the target's
 * local connector address (started on demand by the Attach API) to read and drive zprof's MBeans.
 */
final class TargetJvm implements AutoCloseable {
    /** zprof's MBean, as {@code io.zprof.core.jmx.ZprofMBeans} registers it. */
    static final String ZPROF = "io.zprof:type=Zprof";

    private final VirtualMachine vm;
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private TargetJvm(VirtualMachine vm, JMXConnector connector) throws IOException {
        this.vm = vm;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /**
     * @param pid the target's process id
     * @return a connection to it
     * @throws CliException when it cannot be attached to (another user, attach disabled, gone)
     */
    static TargetJvm connect(String pid) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            throw new CliException("cannot attach to " + pid + ": " + e.getMessage()
                    + " (same user as the target? started with -XX:+DisableAttachMechanism?)");
        }
        try {
            String address = vm.startLocalManagementAgent();
            return new TargetJvm(vm, JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (IOException e) {
            detachQuietly(vm);
            throw new CliException("cannot open JMX in " + pid + ": " + e.getMessage());
        }
    }

    /**
     * @param agentJar the agent jar, as the target sees it
     * @param options  the agent's options
     * @throws CliException when the target refuses the agent
     */
    void loadAgent(String agentJar, String options) {
        try {
            vm.loadAgent(agentJar, options);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw new CliException("the target refused the agent: " + e.getMessage()
                    + (isJdk21Plus() ? " (JDK 21+: was it started with -XX:-EnableDynamicAgentLoading?)" : ""));
        }
    }

    /** @return whether the target runs JDK 21 or later, which warns about agents loaded while it runs */
    boolean isJdk21Plus() {
        return Runtime.Version.parse(runtime().getSpecVersion()).feature() >= 21;
    }

    /** @return whether the target was started with {@code -XX:+EnableDynamicAgentLoading} */
    boolean allowsDynamicAgents() {
        return runtime().getInputArguments().contains("-XX:+EnableDynamicAgentLoading");
    }

    private RuntimeMXBean runtime() {
        try {
            return ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.RUNTIME_MXBEAN_NAME,
                    RuntimeMXBean.class);
        } catch (IOException e) {
            throw new CliException("cannot read the target's runtime: " + e.getMessage());
        }
    }

    /**
     * @param mbean an MBean's name
     * @return whether the target has it
     */
    boolean has(String mbean) {
        try {
            return server.isRegistered(new ObjectName(mbean));
        } catch (IOException | JMException e) {
            throw new CliException("cannot query " + mbean + ": " + e.getMessage());
        }
    }

    /**
     * @param mbean     an MBean's name
     * @param attribute the attribute
     * @return its value
     */
    Object get(String mbean, String attribute) {
        try {
            return server.getAttribute(new ObjectName(mbean), attribute);
        } catch (IOException | JMException e) {
            throw new CliException(message(e));
        } catch (RuntimeMBeanException e) {
            throw new CliException(e.getCause().getMessage());
        }
    }

    /**
     * @param mbean     an MBean's name
     * @param operation the operation
     * @param args      its String arguments
     * @return what it returned
     */
    Object invoke(String mbean, String operation, String... args) {
        String[] signature = new String[args.length];
        java.util.Arrays.fill(signature, String.class.getName());
        try {
            return server.invoke(new ObjectName(mbean), operation, args, signature);
        } catch (IOException | JMException e) {
            throw new CliException(message(e));
        } catch (RuntimeMBeanException e) {
            throw new CliException(e.getCause().getMessage());
        }
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof MBeanException m && m.getCause() != null ? m.getCause() : e;
        return cause.getMessage();
    }

    /** @return the server connection, for tests and attributes of other types */
    MBeanServerConnection server() {
        return server;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException ignored) {
            // the target may have gone meanwhile
        }
        detachQuietly(vm);
    }

    private static void detachQuietly(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the target may have gone meanwhile
        }
    }
}
