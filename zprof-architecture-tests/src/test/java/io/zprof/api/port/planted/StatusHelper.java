package io.zprof.api.port.planted;

/** Planted violation: a utility in the port package (the shape of the former {@code HttpStatusFailures}). */
public enum StatusHelper {
    ;

    /** @param code an HTTP status @return whether a retry may help */
    public static boolean retryable(int code) {
        return code == 429 || code >= 500;
    }
}
