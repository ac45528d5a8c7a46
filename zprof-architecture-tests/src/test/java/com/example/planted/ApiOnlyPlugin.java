package com.example.planted;

import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;

/** Planted compliant class: a third-party reporter that sees the API only. */
public final class ApiOnlyPlugin implements Reporter {
    @Override
    public ReportOutcome report(ReportEvent event) {
        return ReportOutcome.success();
    }

    @Override
    public void close() {
    }
}
