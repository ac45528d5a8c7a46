package io.zprof.reporter.http;

import io.zprof.api.port.HttpStatusFailures;
import io.zprof.api.port.ReportException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import okhttp3.Response;

/** okhttp glue for {@link HttpStatusFailures}, which holds the retry decision shared by every HTTP reporter. */
final class HttpFailures {
    private final List<String> secrets;
    private final Clock clock;

    /** @param secrets values never to repeat @param clock for {@code Retry-After} dates */
    HttpFailures(List<String> secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @param response an unsuccessful response @param target what was called @return the failure to throw */
    ReportException of(Response response, String target) {
        String body;
        try {
            body = response.peekBody(512).string();
        } catch (IOException | RuntimeException e) {
            body = "";
        }
        return HttpStatusFailures.forStatus(response.code(), response.message(), target, body,
                response.header("Retry-After"), clock.instant(), secrets);
    }
}
