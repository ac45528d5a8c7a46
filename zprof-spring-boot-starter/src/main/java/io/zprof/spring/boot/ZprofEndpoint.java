package io.zprof.spring.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The Actuator endpoint {@code zprof}. {@code GET /actuator/zprof} is {@link Zprof#status()} as JSON: rules with
 * their last reasons and events (files included), metrics, providers, counters, reporters. The write operations
 * are off by default ({@code management.endpoint.zprof.access=unrestricted} opens them; a heap dump holds the
 * application's secrets, as Spring's {@code heapdump} endpoint's does):
 * <ul>
 *   <li>{@code POST /actuator/zprof/capture} with {@code {"kinds": "threads,cpu", "reason": "..."}}: captures now
 *       ({@link Zprof#capture}) and answers with the event and its files once the bundle is written; 409 while
 *       another capture runs;</li>
 *   <li>{@code POST /actuator/zprof/update} with {@code {"settings": "zprof.cpu.abs=70\nzprof.cpu.enabled=true"}}
 *       (properties text: Actuator takes string values only): changes those settings, an empty value removes one
 *       (back to its default); all or nothing, 400 naming the key when the core refuses them.</li>
 * </ul>
 */
@WebEndpoint(id = "zprof", defaultAccess = Access.READ_ONLY)
public class ZprofEndpoint {
    /** What a capture may take beyond its JFR recordings before the answer stops waiting for it. */
    private static final Duration CAPTURE_SLACK = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Zprof zprof;
    private final ZprofSettings settings;
    private final TaskExecutorRegistrar executors;

    /**
     * @param zprof     the engine
     * @param settings  the settings in force, which updates change
     * @param executors registers the executors again when an update turns shrinking on
     */
    public ZprofEndpoint(Zprof zprof, ZprofSettings settings, TaskExecutorRegistrar executors) {
        this.zprof = zprof;
        this.settings = settings;
        this.executors = executors;
    }

    /** @return the status, as {@code ZprofStatus.toJson()} has it */
    @ReadOperation
    public Map<String, Object> status() {
        return parse(zprof.status().toJson());
    }

    /**
     * @param action   {@code capture} or {@code update}
     * @param kinds    for a capture: the dump kinds, comma-separated ({@code threads}, {@code cpu}, {@code heap}...)
     * @param reason   for a capture: why, recorded in the event (optional)
     * @param settings for an update: properties text, {@code key=value} per line; an empty value removes the key
     * @return the event of a capture, or the new configuration number of an update; 400 for bad input, 404 for an
     *         unknown action, 409 when a capture is refused, 202 when a capture outlasts the wait
     */
    @WriteOperation
    // Spring's @Nullable marks a parameter optional to Actuator on Boot 3.5 and, deprecated, still on Boot 4.0
    @SuppressWarnings("deprecation")
    public WebEndpointResponse<Map<String, Object>> write(@Selector String action,
            @org.springframework.lang.Nullable String kinds,
            @org.springframework.lang.Nullable String reason,
            @org.springframework.lang.Nullable String settings) {
        return switch (action) {
            case "capture" -> capture(kinds, reason);
            case "update" -> update(settings);
            default -> answer(WebEndpointResponse.STATUS_NOT_FOUND, "unknown operation '" + action
                    + "': POST /actuator/zprof/capture or /actuator/zprof/update");
        };
    }

    private WebEndpointResponse<Map<String, Object>> capture(String kinds, String reason) {
        if (kinds == null) {
            return answer(WebEndpointResponse.STATUS_BAD_REQUEST, "kinds is required (e.g. \"threads,cpu\"; known: "
                    + DumpKind.known().stream().map(DumpKind::key).toList() + ")");
        }
        Set<DumpKind> asked = new LinkedHashSet<>();
        for (String k : kinds.split(",")) {
            if (!k.isBlank()) {
                DumpKind kind = DumpKind.of(k.trim()).orElse(null);
                if (kind == null) {
                    return answer(WebEndpointResponse.STATUS_BAD_REQUEST, "unknown dump kind '" + k.trim() + "' (known: "
                            + DumpKind.known().stream().map(DumpKind::key).toList() + ")");
                }
                asked.add(kind);
            }
        }
        String why = reason == null || reason.isBlank() ? "requested through /actuator/zprof" : reason.trim();
        Duration wait = zprof.config().dump().cpuDuration().plus(zprof.config().dump().threadCreateDuration())
                .plus(CAPTURE_SLACK);
        try {
            ReportEvent event = zprof.capture(asked, why).toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return new WebEndpointResponse<>(eventOf(event), WebEndpointResponse.STATUS_OK);
        } catch (IllegalArgumentException e) {
            return answer(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        } catch (ExecutionException e) {
            // not running, or another capture in progress: the message says which
            return answer(409, e.getCause().getMessage());
        } catch (TimeoutException e) {
            return answer(202, "the capture is still running after " + wait.toSeconds()
                    + " s; its event will show in GET /actuator/zprof");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, "interrupted while waiting for the capture");
        }
    }

    private WebEndpointResponse<Map<String, Object>> update(String text) {
        Properties changes = new Properties();
        try {
            changes.load(new StringReader(text == null ? "" : text));
        } catch (IOException | IllegalArgumentException e) {
            return answer(WebEndpointResponse.STATUS_BAD_REQUEST, "settings is not properties text: " + e.getMessage());
        }
        if (changes.isEmpty()) {
            return answer(WebEndpointResponse.STATUS_BAD_REQUEST,
                    "settings is required: {\"settings\": \"zprof.cpu.abs=70\"}");
        }
        Map<String, String> flat = new TreeMap<>();
        changes.stringPropertyNames().forEach(k -> {
            String v = changes.getProperty(k).trim();
            flat.put(k, v.isEmpty() ? null : v);
        });
        try {
            settings.update(zprof, flat);
        } catch (ConfigurationException e) {
            Map<String, Object> body = error(e.getMessage());
            body.put("key", e.key());
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
        } catch (IllegalArgumentException e) {
            return answer(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            return answer(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, e.getMessage());
        }
        executors.registerWhenShrinking(zprof);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configuration", zprof.status().generation());
        body.put("changed", new ArrayList<>(flat.keySet())); // never the values: one may be a token
        return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
    }

    /** @return the event as the status JSON shows it (its files included), from the recent events */
    @SuppressWarnings("unchecked")
    private Map<String, Object> eventOf(ReportEvent event) {
        Object recent = status().get("recentEvents");
        if (recent instanceof List<?> events) {
            for (Object e : events) {
                if (e instanceof Map<?, ?> m && event.eventId().equals(m.get("eventId"))) {
                    return (Map<String, Object>) m;
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.eventId());
        body.put("error", event.error());
        return body;
    }

    private static WebEndpointResponse<Map<String, Object>> answer(int status, String message) {
        return new WebEndpointResponse<>(error(message), status);
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return body;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("zprof's status is not JSON", e);
        }
    }
}
