package io.zprof.agent.boot;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The agent's entry points, loaded by the JVM from the agent jar on the application's class path: {@code premain} for
 * {@code -javaagent:zprof-agent.jar=...}, {@code agentmain} for {@code java -jar zprof-agent.jar attach <pid>}. Both
 * hand over to {@code io.zprof.agent.AgentRuntime} in a private {@link AgentClassLoader}; this class holds the one
 * running instance, so a second attach updates it and {@code detach} releases it with its loader. JDK classes only.
 */
public final class AgentBoot {
    /** The class, inside the private loader, that starts zprof. */
    static final String RUNTIME_CLASS = "io.zprof.agent.AgentRuntime";

    private static final Object LOCK = new Object();
    private static AgentClassLoader loader;
    private static AutoCloseable runtime;
    private static String options = "";
    private static String lastError;

    private AgentBoot() {
    }

    /**
     * Starts zprof on a thread of its own, so that {@code main} is not delayed by class loading and the first sample.
     *
     * @param agentOptions {@code key=value,...} after {@code =} in {@code -javaagent:zprof-agent.jar=...}
     * @param inst         unused: zprof transforms no classes
     */
    public static void premain(String agentOptions, Instrumentation inst) {
        // no lambda and no string concatenation here: their first use bootstraps invokedynamic, tens of
        // milliseconds of main's time on a cold JVM
        Thread starter = new Thread(new Starter(agentOptions), "zprof-agent-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Starts zprof off the main thread. */
    private static final class Starter implements Runnable {
        private final String options;

        Starter(String options) {
            this.options = options;
        }

        @Override
        public void run() {
            attach(options);
        }
    }

    /**
     * Starts zprof in a running JVM, or updates the running one with these options; what went wrong is in the
     * {@code io.zprof:type=ZprofAgent} MBean's {@code LastError}, which the CLI reads right after.
     *
     * @param agentOptions {@code key=value,...} as given to {@code attach <pid> key=value...}
     * @param inst         unused
     */
    public static void agentmain(String agentOptions, Instrumentation inst) {
        attach(agentOptions);
    }

    /**
     * @param agentOptions the options
     * @return whether zprof runs with them
     */
    static boolean attach(String agentOptions) {
        String opts = agentOptions == null ? "" : agentOptions;
        synchronized (LOCK) {
            lastError = null;
            try {
                if (runtime == null) {
                    loader = new AgentClassLoader(agentJar());
                    runtime = (AutoCloseable) Class.forName(RUNTIME_CLASS, true, loader).getMethod("start", String.class)
                            .invoke(null, opts);
                    options = opts;
                } else {
                    @SuppressWarnings("unchecked")
                    Consumer<String> update = (Consumer<String>) runtime;
                    update.accept(opts);
                    options = options.isEmpty() ? opts : opts.isEmpty() ? options : options + "," + opts;
                }
                return true;
            } catch (InvocationTargetException e) {
                fail(e.getCause(), false); // the runtime logged it, where the operator chose
            } catch (ReflectiveOperationException | IOException | URISyntaxException | RuntimeException | LinkageError e) {
                fail(e, true);
            } finally {
                // also after a failure: the CLI reads LastError from it
                AgentControl.register();
            }
            return false;
        }
    }

    private static void fail(Throwable e, boolean beforeLogging) {
        lastError = String.valueOf(e.getMessage() == null ? e : e.getMessage());
        if (runtime == null) {
            closeLoader();
        }
        if (beforeLogging) {
            // the agent's logging is inside the loader that failed: standard error is all there is
            System.err.println("zprof-agent: not started: " + e);
        }
    }

    /**
     * Stops zprof and every thread, recording and file of it, then drops the private loader.
     *
     * @return whether zprof was running
     */
    static boolean detach() {
        synchronized (LOCK) {
            AgentControl.unregister();
            if (runtime == null) {
                return false;
            }
            try {
                runtime.close();
            } catch (Exception e) {
                lastError = "detach: " + e.getMessage();
            } finally {
                runtime = null;
                options = "";
                closeLoader();
            }
            return true;
        }
    }

    private static void closeLoader() {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // a read-only jar: nothing is lost
            }
            loader = null;
        }
    }

    /** @return whether zprof runs in this JVM through the agent */
    static boolean attached() {
        synchronized (LOCK) {
            return runtime != null;
        }
    }

    /** @return the options zprof was attached with, later attaches appended */
    static String options() {
        synchronized (LOCK) {
            return options;
        }
    }

    /** @return why the last attach failed, or {@code null} */
    static String lastError() {
        synchronized (LOCK) {
            return lastError;
        }
    }

    private static Path agentJar() throws URISyntaxException {
        return Path.of(AgentBoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
