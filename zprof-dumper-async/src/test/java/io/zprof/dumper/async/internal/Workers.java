package io.zprof.dumper.async.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's workload threads, each running until the test ends: after each test the stop latch opens and every
 * thread is joined. Register with {@code @RegisterExtension}.
 */
final class Workers implements AfterEachCallback {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    /** Starts a daemon thread running the workload with the stop latch. @return the thread */
    Thread start(String name, Consumer<CountDownLatch> workload) {
        return start(Workloads.background(name, () -> workload.accept(stop)));
    }

    /** Joins the started thread at the end of the test. @return it */
    synchronized Thread start(Thread started) {
        threads.add(started);
        return started;
    }

    /** @return the latch that opens when the test ends */
    CountDownLatch stop() {
        return stop;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        stop.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
