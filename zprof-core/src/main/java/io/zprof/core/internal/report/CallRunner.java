package io.zprof.core.internal.report;

import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs one reporter's {@code report()} calls on a call thread of its own, so the worker can give up on a call that
 * hangs and move on. A call that is abandoned is interrupted and its thread retired; new calls get a fresh thread.
 * Only one abandoned call may still be running at a time: a reporter whose calls ignore interrupts and never return
 * therefore holds at most two threads, and no new call starts until one of them comes back.
 *
 * <p>Used by its reporter's worker thread only.
 */
final class CallRunner {
    /** How long an idle call thread lives; reports are rare, so no thread is kept between them. */
    private static final long IDLE_SECONDS = 30;
    private static final int MAX_ABANDONED_RUNNING = 1;

    private final ThreadFactory threads;
    private final Runnable onDone;
    private final List<Call> abandoned = new ArrayList<>();
    private ThreadPoolExecutor executor;

    /**
     * @param threads a factory of named daemon threads
     * @param onDone  run on the call thread after every call, e.g. to wake the worker
     */
    CallRunner(ThreadFactory threads, Runnable onDone) {
        this.threads = threads;
        this.onDone = onDone;
    }

    /** One call in flight. */
    static final class Call {
        final CompletableFuture<ReportOutcome> result = new CompletableFuture<>();
        /** The reporter called: after a reconfiguration it may no longer be the channel's. */
        final Reporter reporter;
        private volatile Thread thread;
        private volatile boolean finished;

        private Call(Reporter reporter) {
            this.reporter = reporter;
        }

        /** @return whether the reporter returned or threw (also after being abandoned) */
        boolean finished() {
            return finished;
        }
    }

    /** @return whether a new call may start now (see the class comment) */
    boolean canStart() {
        abandoned.removeIf(Call::finished);
        return abandoned.size() <= MAX_ABANDONED_RUNNING;
    }

    /**
     * @param reporter the reporter to call
     * @param event    the event to report
     * @return the call; its {@code result} completes with the outcome or what the reporter threw
     */
    Call start(Reporter reporter, ReportEvent event) {
        if (executor == null) {
            executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
            executor.allowCoreThreadTimeOut(true);
        }
        Call call = new Call(reporter);
        executor.execute(() -> run(call, event));
        return call;
    }

    private void run(Call call, ReportEvent event) {
        call.thread = Thread.currentThread();
        try {
            call.result.complete(call.reporter.report(event));
        } catch (VirtualMachineError e) {
            call.result.completeExceptionally(e);
            throw e;
        } catch (Throwable t) {
            call.result.completeExceptionally(t);
        } finally {
            call.thread = null;
            Thread.interrupted();
            call.finished = true;
            onDone.run();
        }
    }

    /**
     * Gives up on a call: interrupts it and retires its thread, which ends when the reporter returns.
     *
     * @param call the call in flight
     */
    void abandon(Call call) {
        Thread t = call.thread;
        if (t != null) {
            t.interrupt();
        }
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
        if (!call.finished()) {
            abandoned.add(call);
        }
    }

    /** @return how many abandoned calls have not returned yet */
    int abandonedRunning() {
        abandoned.removeIf(Call::finished);
        return abandoned.size();
    }

    /** Interrupts whatever still runs and lets the threads end. */
    void shutdown() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        for (Call c : abandoned) {
            Thread t = c.thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
