package io.zprof.api.port.planted;

/** Planted compliant class: a port's exception. */
public final class PlantedPortException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public PlantedPortException(String message) {
        super(message);
    }
}
