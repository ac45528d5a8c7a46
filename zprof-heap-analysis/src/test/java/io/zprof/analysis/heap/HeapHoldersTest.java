package io.zprof.analysis.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holder analysis on a real pair of heap dumps of a child JVM (of the JDK running the tests: 17 and 25 in CI). */
class HeapHoldersTest {
    @TempDir
    static Path dir;
    static Path older;
    static Path newer;
    static HolderReport report;
    static final List<String> steps = new ArrayList<>();

    @BeforeAll
    static void dumpAndAnalyse() throws Exception {
        List<Path> pair = GrowingCacheChildDumps.write(dir);
        older = pair.get(0);
        newer = pair.get(1);
        report = new HeapHolders(3, 50, steps::add).analyse(older, newer, "offline: test");
    }

    @Test
    void the_grown_class_comes_first_with_its_growth() {
        ClassGrowth top = report.classes().get(0).growth();
        assertEquals("byte[]", top.className());
        assertTrue(top.bytesGrowth() >= (long) GrowingCacheChild.BLOCKS * GrowingCacheChild.BLOCK_BYTES, top::toString);
        assertTrue(top.instancesGrowth() >= GrowingCacheChild.BLOCKS, top::toString);
    }

    @Test
    void the_static_map_is_named_as_the_holder_with_its_retained_size_and_root_path() {
        GrownClass bytes = report.classes().get(0);
        Holder holder = bytes.holders().get(0);
        assertEquals(GrowingCacheChild.class.getName(), holder.ownerClass(), holder::toString);
        assertEquals("HELD", holder.reference());
        assertEquals("class", holder.ownerKind());
        assertEquals("java.util.HashMap", holder.heldClass());
        assertEquals(GrowingCacheChild.BLOCKS, holder.instancesSampled(), holder::toString);
        long blocks = (long) GrowingCacheChild.BLOCKS * GrowingCacheChild.BLOCK_BYTES;
        assertTrue(holder.retainedBytes() >= blocks && holder.retainedBytes() < blocks + 64 * 1024, holder::toString);
        List<PathStep> path = holder.path();
        assertEquals(GrowingCacheChild.class.getName(), path.get(path.size() - 1 - stepsAfterHolder(path)).className());
        assertEquals("byte[]", path.get(path.size() - 1).className());
        assertFalse(holder.gcRoot().isBlank());
        assertTrue(HolderText.render(report).contains("held by " + GrowingCacheChild.class.getName() + ".HELD (static field)"),
                HolderText.render(report));
    }

    @Test
    void the_stable_list_ranks_below_the_holder_of_the_growth() {
        // its 64 KiB arrays are among the largest instances sampled, but fewer of them are reached through it
        List<Holder> holders = report.classes().get(0).holders();
        for (int i = 1; i < holders.size(); i++) {
            assertTrue(holders.get(i).instancesSampled() < holders.get(0).instancesSampled(), holders::toString);
            assertFalse(holders.get(i).reference().equals("HELD"), holders::toString);
        }
    }

    @Test
    void progress_names_each_step() {
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("indexing " + newer.getFileName())), steps::toString);
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("tracing ") && s.contains("byte[]")), steps::toString);
    }

    @Test
    void files_land_in_the_bundle_private_and_read_back() throws IOException {
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        List<Path> files = HolderFiles.write(bundle, report);
        assertEquals(List.of(bundle.resolve("holders_20261207-100005_2.txt"), bundle.resolve("holders_20261207-100005_2.json")), files);
        for (Path f : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        assertEquals(report, HolderFiles.read(files.get(1)));
        try (var listing = Files.list(bundle)) {
            assertEquals(2, listing.count(), "no temporary file left");
        }
    }

    @Test
    void a_file_that_is_not_a_heap_dump_is_refused_by_name() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.hprof"), "not a heap dump");
        IOException e = assertThrows(IOException.class, () -> new HeapHolders(1, 1, Progress.NONE).analyse(text, newer, "t"));
        assertTrue(e.getMessage().contains("notes.hprof"), e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> new HeapHolders(1, 1, Progress.NONE).analyse(dir.resolve("gone.hprof"), newer, "t"));
        assertTrue(missing.getMessage().contains("gone.hprof"), missing.getMessage());
    }

    @Test
    void a_dump_against_itself_has_no_growth() throws IOException {
        HolderReport same = new HeapHolders(3, 10, Progress.NONE).analyse(older, older, "offline: test");
        assertTrue(same.classes().isEmpty(), same::toString);
        assertTrue(HolderText.render(same).contains("no class grew"), HolderText.render(same));
    }

    /** @return how many steps of the path come after the holder's own step */
    private static int stepsAfterHolder(List<PathStep> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).className().equals(GrowingCacheChild.class.getName())) {
                return path.size() - 1 - i;
            }
        }
        return path.size();
    }
}
