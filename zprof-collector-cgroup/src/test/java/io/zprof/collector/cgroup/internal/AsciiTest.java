package io.zprof.collector.cgroup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AsciiTest {
    private static long longAfter(String text, String key) {
        byte[] b = Ascii.bytes(text);
        return Ascii.longAfter(b, b.length, Ascii.bytes(key));
    }

    private static int cpus(String text) {
        byte[] b = Ascii.bytes(text);
        return Ascii.countCpuList(b, 0, b.length);
    }

    @Test
    void keysMatchOnlyAtTheStartOfALine() {
        String stat = "inactive_file 5\ntotal_inactive_file 100\n";
        assertEquals(100, longAfter(stat, "total_inactive_file "));
        assertEquals(5, longAfter(stat, "inactive_file "));
        assertEquals(Ascii.NONE, longAfter(stat, "active_file "));
        assertEquals(Ascii.NONE, longAfter("", "x "));
    }

    @Test
    void numbersSkipBlanksAndSaturate() {
        assertEquals(123456, longAfter("VmRSS:\t  123456 kB\n", "VmRSS:"));
        assertEquals(-1, longAfter("q -1\n", "q "));
        byte[] huge = Ascii.bytes("18446744073709551615");
        assertEquals(Long.MAX_VALUE, Ascii.parseLong(huge, 0, huge.length));
        byte[] word = Ascii.bytes("max");
        assertEquals(Ascii.NONE, Ascii.parseLong(word, 0, word.length));
    }

    @Test
    void maxIsAWholeWord() {
        byte[] max = Ascii.bytes("max 100000\n");
        assertEquals(true, Ascii.isWord(max, 0, max.length, Ascii.bytes("max")));
        byte[] maxx = Ascii.bytes("maxx\n");
        assertEquals(false, Ascii.isWord(maxx, 0, maxx.length, Ascii.bytes("max")));
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
        byte[] b = Ascii.bytes(text.toString());
        for (String key : new String[] {"Name:", "Field0:", "Field39:", "VmRSS:", "Threads:", "Tail:", "Absent:"}) {
            byte[] k = Ascii.bytes(key);
            int expected = Ascii.valueAfter(b, b.length, k);
            for (int hint = -3; hint <= b.length + 100; hint++) {
                assertEquals(expected, Ascii.valueAfter(b, b.length, k, hint), key + " with hint " + hint);
            }
        }
        assertEquals(-1, Ascii.valueAfter(b, 0, Ascii.bytes("Name:"), 10), "nothing valid, nothing found");
    }
}
