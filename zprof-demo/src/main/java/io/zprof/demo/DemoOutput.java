package io.zprof.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What both forms of the demo print: the steps, each event with its files (the incident report first), and at the end
 * the third-party reporter's lines, the status, the reports and the disk the evidence takes. A command-line program's
 * own output, hence {@code System.out}.
 */
final class DemoOutput {
    private static final List<Path> REPORTS = new ArrayList<>();

    private DemoOutput() {
    }

    /** @param dumps where zprof writes */
    static void start(Path dumps) {
        System.out.println("zprof demo: dumps go to " + dumps.toAbsolutePath() + " (0700); Ctrl-C to stop early\n");
    }

    /** @param text a step's title */
    static void step(String text) {
        System.out.println("\n== " + text);
    }

    /**
     * @param rule   the rule that fired
     * @param reason why
     * @param files  the event's files
     * @param error  what went wrong with the capture, or {@code null}
     */
    static void event(String rule, String reason, List<Path> files, String error) {
        System.out.printf("  FIRED %-9s %s%n", rule, reason);
        files.stream().filter(f -> f.getFileName().toString().startsWith("report_")).findFirst().ifPresent(r -> {
            REPORTS.add(r);
            System.out.println("        incident report: " + r.toUri());
        });
        for (Path f : files) {
            System.out.printf("        wrote %-55s %,12d bytes%n", f.getFileName(), size(f));
        }
        if (error != null) {
            System.out.println("        note: " + error);
        }
        if (files.stream().anyMatch(f -> f.getFileName().toString().startsWith("window_"))) {
            System.out.println("        (the window file holds the " + "JFR history from before the trigger)");
        }
    }

    /**
     * @param dumps    the dump directory
     * @param eventLog the third-party reporter's file
     * @param source   where the status comes from, {@code status()}
     * @param status   zprof's status as text
     * @throws IOException when the dump directory cannot be read
     */
    static void finish(Path dumps, Path eventLog, String source, String status) throws IOException {
        System.out.println("\n== The third-party reporter (examples/custom-reporter) received:");
        if (Files.exists(eventLog)) {
            Files.readAllLines(eventLog).forEach(l -> System.out.println("  " + l));
        }
        System.out.println("\n== " + source + "\n" + status);
        System.out.println("\n== Start with the incident reports (one HTML file per event, open it in a browser):");
        for (Path report : REPORTS) {
            System.out.println("  " + report.toUri());
        }
        DemoDisk.print(dumps);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException gone) {
            return -1; // removed by retention since
        }
    }
}
