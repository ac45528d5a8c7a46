package io.zprof.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WakeControlTest {
    private static volatile long blackhole;

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
    void recordsEachTimedWakeUpAndTheOtherThreadsCpuBetweenThemAndStops() throws Exception {
        long period = TimeUnit.MILLISECONDS.toNanos(20);
        int capacity = 5;
        // stands in for zprof's sampler: a thread that burns CPU all the time, so its CPU between two wake-ups is > 0
        Thread busy = new Thread(() -> {
            long x = 0;
            while (!Thread.currentThread().isInterrupted()) {
                x += System.nanoTime() & 1;
            }
            blackhole = x;
        }, "busy");
        busy.setDaemon(true);
        busy.start();
        WakeControl control = new WakeControl(period, capacity);
        control.start();
        // warm-up over: parked without a deadline until schedule() (the warm-up waits are timed)
        while (controlThread().getState() != Thread.State.WAITING) {
            Thread.sleep(10);
        }
        assertEquals(0, control.wakes(), "the warm-up waits are not wake-ups of the control");
        control.schedule(System.nanoTime() + period, busy.getId());
        while (control.wakes() < capacity + 3) {
            Thread.sleep(20);
        }
        control.stop();
        busy.interrupt();
        long afterStop = control.wakes();
        Thread.sleep(100);
        assertEquals(afterStop, control.wakes(), "no wake-up after stop()");

        long[] cpu = control.wakeCpuNanos();
        long[] other = control.samplerCycleCpuNanos();
        assertEquals(capacity, cpu.length, "wake-ups past the capacity are counted, not recorded");
        assertEquals(capacity, control.wakeLateNanos().length);
        assertEquals(capacity - 1, other.length, "the first wake-up's read of the other thread is the baseline");
        for (int i = 0; i < capacity; i++) {
            assertTrue(cpu[i] > 0, "a wake-up costs some CPU: " + Arrays.toString(cpu));
        }
        for (long c : other) {
            assertTrue(c > 0, "the busy thread ran between two wake-ups: " + Arrays.toString(other));
        }
    }

    @Test
    void recordsNoCyclesWithoutASamplerThread() throws Exception {
        long period = TimeUnit.MILLISECONDS.toNanos(20);
        WakeControl control = new WakeControl(period, 10);
        control.start();
        control.schedule(System.nanoTime() + period, -1);
        while (control.wakes() < 3) {
            Thread.sleep(20);
        }
        control.stop();
        assertEquals(0, control.samplerCycleCpuNanos().length);
        assertTrue(control.wakeCpuNanos().length >= 3);
    }

    private static Thread controlThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("wake-control")).findFirst()
                .orElseThrow();
    }
}
