package io.zprof.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WakeControlTest {

    @Test
    void parkUntilReturnsAtTheDeadlineNotBefore() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
        assertTrue(Deadlines.parkUntil(deadline));
        assertTrue(System.nanoTime() - deadline >= 0);
    }

    @Test
    void parkUntilGivesUpWhenInterruptedAndKeepsTheInterrupt() throws Exception {
        CompletableFuture<Boolean[]> result = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            boolean reached = Deadlines.parkUntil(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
            result.complete(new Boolean[] {reached, Thread.currentThread().isInterrupted()});
        });
        waiter.start();
        waiter.interrupt();
        Boolean[] r = result.get(30, TimeUnit.SECONDS);
        assertFalse(r[0], "an interrupted wait does not claim its deadline");
        assertTrue(r[1], "the interrupt is left for the caller");
    }

    @Test
    void countsOnlyTheTimedWakeUpsAndStops() throws Exception {
        long period = TimeUnit.MILLISECONDS.toNanos(20);
        WakeControl control = new WakeControl(period);
        control.start();
        // warm-up over: parked without a deadline until schedule() (the warm-up waits are timed)
        while (controlThread().getState() != Thread.State.WAITING) {
            Thread.sleep(10);
        }
        assertEquals(0, control.wakes(), "the warm-up waits are not wake-ups of the control");
        control.schedule(System.nanoTime() + period);
        while (control.wakes() < 5) {
            Thread.sleep(20);
        }
        assertTrue(control.cpuNanos(ManagementFactory.getThreadMXBean()) > 0);
        control.stop();
        long afterStop = control.wakes();
        Thread.sleep(100);
        assertEquals(afterStop, control.wakes(), "no wake-up after stop()");
    }

    private static Thread controlThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("wake-control")).findFirst()
                .orElseThrow();
    }
}
