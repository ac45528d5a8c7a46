package io.zprof.agent.boot;

/** A failure the CLI reports in one line on standard error, with exit status 1. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for the operator */
    CliException(String message) {
        super(message);
    }
}
