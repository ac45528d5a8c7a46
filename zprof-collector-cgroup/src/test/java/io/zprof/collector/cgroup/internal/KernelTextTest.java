package io.zprof.collector.cgroup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KernelTextTest {
    private static long longAfter(String text, String key) {
        byte[] b = KernelText.bytes(text);
        return KernelText.longAfter(b, b.length, KernelText.bytes(key));
    }

    private static int cpus(String text) {
        byte[] b = KernelText.bytes(text);
        return KernelText.countCpuList(b, 0, b.length);
    }

    @Test
    void keysMatchOnlyAtTheStartOfALine() {
        String stat = "inactive_file 5\ntotal_inactive_file 100\n";
        assertEquals(100, longAfter(stat, "total_inactive_file "));
        assertEquals(5, longAfter(stat, "inactive_file "));
        assertEquals(KernelText.NONE, longAfter(stat, "active_file "));
        assertEquals(KernelText.NONE, longAfter("", "x "));
    }

    @Test
    void numbersSkipBlanksAndSaturate() {
        assertEquals(123456, longAfter("VmRSS:\t  123456 kB\n", "VmRSS:"));
        assertEquals(-1, longAfter("q -1\n", "q "));
        byte[] huge = KernelText.bytes("18446744073709551615");
        assertEquals(Long.MAX_VALUE, KernelText.parseLong(huge, 0, huge.length));
        byte[] word = KernelText.bytes("max");
        assertEquals(KernelText.NONE, KernelText.parseLong(word, 0, word.length));
    }

    @Test
    void maxIsAWholeWord() {
        byte[] max = KernelText.bytes("max 100000\n");
        assertEquals(true, KernelText.isWord(max, 0, max.length, KernelText.bytes("max")));
        byte[] maxx = KernelText.bytes("maxx\n");
        assertEquals(false, KernelText.isWord(maxx, 0, maxx.length, KernelText.bytes("max")));
    }

    @Test
    void cpuLists() {
        assertEquals(8, cpus("0-7\n"));
        assertEquals(1, cpus("3\n"));
        assertEquals(6, cpus("0-3,8,10\n"));
        assertEquals(0, cpus("\n"));
        assertEquals(0, cpus(""));
        assertEquals(-1, cpus("3-1\n"));
        assertEquals(-1, cpus("a-b\n"));
    }

    @Test
    void aHintedSearchFindsTheSameLineWhateverTheHint() {
        StringBuilder text = new StringBuilder("Name:\tjava\n");
        for (int i = 0; i < 40; i++) {
            text.append("Field").append(i).append(":\t").append(i * 7919).append(" kB\n");
        }
        text.append("VmRSS:\t  123456 kB\nThreads:\t42\nTail:\t1");
        byte[] b = KernelText.bytes(text.toString());
        for (String key : new String[] {"Name:", "Field0:", "Field39:", "VmRSS:", "Threads:", "Tail:", "Absent:"}) {
            byte[] k = KernelText.bytes(key);
            int expected = KernelText.valueAfter(b, b.length, k);
            for (int hint = -3; hint <= b.length + 100; hint++) {
                assertEquals(expected, KernelText.valueAfter(b, b.length, k, hint), key + " with hint " + hint);
            }
        }
        assertEquals(-1, KernelText.valueAfter(b, 0, KernelText.bytes("Name:"), 10), "nothing valid, nothing found");
    }
}
