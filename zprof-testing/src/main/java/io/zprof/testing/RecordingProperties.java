package io.zprof.testing;

import io.zprof.api.config.ConfigProperties;
import java.util.Set;
import java.util.function.Consumer;

/** A view of settings that reports every key read through it (and through its prefixed views) by its full key. */
final class RecordingProperties implements ConfigProperties {
    private final ConfigProperties delegate;
    private final Consumer<String> onRead;

    RecordingProperties(ConfigProperties delegate, Consumer<String> onRead) {
        this.delegate = delegate;
        this.onRead = onRead;
    }

    @Override
    public String get(String key) {
        onRead.accept(delegate.fullKey(key));
        return delegate.get(key);
    }

    @Override
    public Set<String> keys() {
        // listing a view reads everything under it: recorded as its prefix
        onRead.accept(delegate.fullKey(""));
        return delegate.keys();
    }

    @Override
    public String fullKey(String key) {
        return delegate.fullKey(key);
    }

    @Override
    public ConfigProperties withPrefix(String prefix) {
        return new RecordingProperties(delegate.withPrefix(prefix), onRead);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
