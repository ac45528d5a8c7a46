package io.zprof.api.port.planted;

/** Planted compliant class: a port is an interface. */
public interface PlantedPort {
    /** @throws PlantedPortException when the port fails */
    void act() throws PlantedPortException;
}
