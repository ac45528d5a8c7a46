package io.zprof.core.internal.report;

import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A reporter whose behaviour each test scripts, and which records every call it receives. */
final class ScriptedReporter implements Reporter {
    /** What one call does. */
    @FunctionalInterface
    interface Behaviour {
        /**
         * @param event the event
         * @param call  0-based index of this call
         * @return the outcome
         * @throws Exception whatever the script wants the reporter to throw
         */
        ReportOutcome report(ReportEvent event, int call) throws Exception;
    }

    /** One recorded call. */
    record Call(ReportEvent event, Instant at, String thread) {
    }

    private final List<Call> calls = new ArrayList<>();
    private volatile Behaviour behaviour;
    private volatile Clock clock = Clock.systemUTC();
    final AtomicBoolean closed = new AtomicBoolean();

    ScriptedReporter(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    static ScriptedReporter succeeding() {
        return new ScriptedReporter((e, n) -> ReportOutcome.success());
    }

    /** @param c the clock whose time each call records @return this */
    ScriptedReporter timedBy(Clock c) {
        clock = c;
        return this;
    }

    void behave(Behaviour b) {
        behaviour = b;
    }

    @Override
    public ReportOutcome report(ReportEvent event) throws IOException {
        int n;
        synchronized (calls) {
            n = calls.size();
            calls.add(new Call(event, clock.instant(), Thread.currentThread().getName()));
        }
        try {
            return behaviour.report(event, n);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    List<String> calledIds() {
        return calls().stream().map(c -> c.event().eventId()).toList();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
