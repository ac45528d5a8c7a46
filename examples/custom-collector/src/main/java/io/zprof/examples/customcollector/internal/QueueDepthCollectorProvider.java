package io.zprof.examples.customcollector.internal;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * A complete third-party collector in one class: it publishes a metric zprof does not know, {@code queue.depth}, read
 * from the application's own management bean (a work queue's {@code Size} attribute, say). It depends on zprof-api
 * only and is found through its {@code META-INF/services} line; turn it on with
 * {@code zprof.collector.queuedepth.mbean=com.example:type=Queue,name=orders} (and {@code .attribute} when the depth
 * is not called {@code Size}), then watch it with any rule: {@code zprof.rule.backlog.metric=queue.depth}.
 */
public final class QueueDepthCollectorProvider implements CollectorProvider {
    /** The metric this collector adds to zprof's vocabulary: declared once, found again by its key. */
    public static final Metric QUEUE_DEPTH = Metric.custom("queue.depth", "items", Metric.Kind.GAUGE);

    @Override
    public String name() {
        return "queuedepth";
    }

    /** @return its settings: the bean to read and the attribute holding the depth */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of("mbean", "attribute"));
    }

    @Override
    public Set<Metric> metrics() {
        return Set.of(QUEUE_DEPTH);
    }

    /**
     * @param context the settings
     * @return available once a bean is named; the bean itself may be registered later by the application
     */
    @Override
    public Availability availability(ProviderContext context) {
        String mbean = settings(context).getString("mbean", null);
        return mbean == null ? Availability.unavailable("no queue to watch: set zprof.collector.queuedepth.mbean")
                : Availability.ok();
    }

    @Override
    public void validate(ProviderContext context) {
        bean(settings(context));
        attribute(settings(context));
    }

    @Override
    public Collector create(ProviderContext context) {
        ObjectName bean = bean(settings(context));
        String attribute = attribute(settings(context));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return sink -> {
            Object depth;
            try {
                depth = server.getAttribute(bean, attribute);
            } catch (JMException e) {
                // not registered (yet, or any more): no sample this cycle, which status() shows as no data
                return;
            }
            if (depth instanceof Number n) {
                sink.accept(QUEUE_DEPTH, n.doubleValue(), MetricSource.JVM);
            }
        };
    }

    private ConfigProperties settings(ProviderContext context) {
        return context.scoped("collector", name());
    }

    private static ObjectName bean(ConfigProperties s) {
        String v = s.getString("mbean", null);
        if (v == null) {
            throw new ConfigurationException(s.fullKey("mbean"), "(unset)", "the queue depth collector needs the queue's MBean name");
        }
        try {
            ObjectName name = new ObjectName(v);
            if (name.isPattern()) {
                throw new ConfigurationException(s.fullKey("mbean"), v, "must name one MBean, not a pattern");
            }
            return name;
        } catch (MalformedObjectNameException e) {
            throw new ConfigurationException(s.fullKey("mbean"), v, "not an MBean name (" + e.getMessage() + ")");
        }
    }

    private static String attribute(ConfigProperties s) {
        String v = s.getString("attribute", "Size");
        if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigurationException(s.fullKey("attribute"), v, "must be an attribute name");
        }
        return v;
    }
}
