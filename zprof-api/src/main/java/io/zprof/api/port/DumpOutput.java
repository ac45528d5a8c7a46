package io.zprof.api.port;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a dumper writes. Each file it asks for gets a temporary, not-yet-existing path inside the private dump
 * directory; once the dumper returns, the engine restricts the file to its owner and renames it to its final
 * name {@code {type}_{yyyyMMdd-HHmmss}_{eventId}.{extension}}, so nobody ever reads a half-written file.
 *
 * <p>A dumper finishes a file before it asks for the next one: when it throws, the files before the last one it
 * asked for are kept as evidence (a heap capture's class histogram survives a heap dump that filled the disk) and
 * the last one is deleted.
 */
public interface DumpOutput {
    /**
     * @param type      the first part of the final name ({@code cpu}, {@code heap}, {@code histogram}, ...)
     * @param extension the extension without dot ({@code jfr}, {@code hprof}, {@code txt}, {@code json}, {@code html});
     *                  the temporary path ends with it too (HotSpot's heap dumper insists on {@code .hprof})
     * @return a path that does not exist yet; the dumper creates it
     * @throws IOException when the directory cannot be used
     */
    Path newFile(String type, String extension) throws IOException;
}
