package io.zprof.demo.planted;

import io.zprof.core.Zprof;

/** Planted compliant class: a program (the demo) composes the engine, which the exemptions allow. */
public final class ProgramUsingCore {
    private ProgramUsingCore() {
    }

    /** @param zprof the engine */
    static void use(Zprof zprof) {
        zprof.status();
    }
}
