package io.zprof.collector.cgroup.internal;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files of one cgroup resolution: opened together, checked for failures together, closed together. */
final class FileGroup implements Closeable {
    private final List<ReusableFile> files = new ArrayList<>();

    /**
     * A file that does not exist is not an error: the root cgroup has no limit files, and a v2 controller's files
     * exist only where the controller is enabled.
     *
     * @param path     the file
     * @param capacity initial buffer size
     * @return a reader of the file, or {@code null} when it does not exist
     */
    ReusableFile fileIfExists(Path path, int capacity) {
        if (!Files.exists(path)) {
            return null;
        }
        ReusableFile file = new ReusableFile(path, capacity);
        files.add(file);
        return file;
    }

    /** @return the first file that failed to read, or {@code null} when all are healthy */
    ReusableFile firstFailure() {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).failure() != null) {
                return files.get(i);
            }
        }
        return null;
    }

    @Override
    public void close() {
        for (ReusableFile file : files) {
            file.close();
        }
    }
}
