package io.zprof.api.port;

import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import java.io.IOException;

/**
 * Captures evidence. Called on an engine capture thread, never on the sampler; it may block for the length of a
 * recording. Heavy kinds (heap) are never run twice at once by the engine.
 */
public interface Dumper extends AutoCloseable {
    /**
     * @param request what to capture and where to write it
     * @return done, or skipped with a reason (e.g. not enough free disk for a heap dump)
     * @throws IOException when writing fails; the engine records the error in the event and keeps going
     */
    DumpOutcome dump(DumpRequest request) throws IOException;

    /** Stops background recordings and releases resources. Idempotent. */
    @Override
    default void close() {
    }
}
