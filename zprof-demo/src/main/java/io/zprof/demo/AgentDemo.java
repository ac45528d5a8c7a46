package io.zprof.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo under the agent ({@code ./demo.sh --agent}): the same steps as {@link Demo} ({@link DemoWorkload}), in an
 * application that builds no engine and has no zprof class on its class path. zprof is started by
 * {@code -javaagent:zprof-agent.jar=config=.../demo.properties,plugins=.../custom-reporter.jar}; the demo sees it only
 * as an operator does, through the platform MBean {@code io.zprof:type=Zprof} (its status, the events it reports, and
 * {@code update} to enable a rule at run time) and the dump directory it names, and prints what fired and the files
 * like the embedded demo. The third-party reporter's lines are read from {@code events.log} in the dump directory,
 * where {@code demo.properties} puts them.
 */
public final class AgentDemo {
    private AgentDemo() {
    }

    /**
     * @param args optionally the steps to run, {@code cpu,threads} (default: all of {@code cpu}, {@code threads},
     *             {@code memory}, {@code gcheap})
     * @throws Exception when zprof's MBean cannot be read or refuses a change
     */
    public static void main(String[] args) throws Exception {
        ZprofMBeanControls zprof = ZprofMBeanControls.await();
        if (zprof == null) {
            System.exit(2);
        }
        Path dumps = zprof.dumpDirectory();
        Path events = dumps.resolve("events.log");
        Files.deleteIfExists(events); // a previous run's; zprof reports nothing before the rules have their baseline
        DemoOutput.start(dumps);
        DemoWorkload.run(args.length > 0 ? args[0] : DemoWorkload.ALL_STEPS, zprof);
        while (zprof.nextEvent(0) != null) {
            // the late ones are printed
        }
        DemoOutput.finish(dumps, events, "StatusText of the MBean io.zprof:type=Zprof", zprof.statusText());
    }
}
