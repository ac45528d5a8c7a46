package io.zprof.api.spi;

import io.zprof.api.port.Rule;
import java.util.Set;

/**
 * Provides a type of {@link Rule} ({@code threshold}, {@code sustained}, {@code trend}, or a third party's), found
 * through {@link java.util.ServiceLoader} like the other providers. A rule configured with
 * {@code zprof.rule.<name>.type=<this provider's name>} is made by {@link #create}; the engine owns the generic
 * settings of every rule ({@code type}, {@code metric}, {@code enabled}, {@code warmup}, {@code cooldown},
 * {@code dumps}) and refuses any other key the provider does not list in {@link #settingKeys()}.
 */
public interface RuleProvider {
    /** @return the rule type, one lowercase word ({@code sustained}); unique among rule providers */
    String name();

    /** @return the settings of this type, relative to {@code zprof.rule.<name>.} ({@code threshold}, {@code rate}) */
    Set<String> settingKeys();

    /**
     * Makes the rule for one configuration; called again with the new settings when the configuration changes.
     * Must parse and check every setting here, without starting threads or doing I/O.
     *
     * @param context the rule's name, metric and settings
     * @return the rule
     * @throws io.zprof.api.config.ConfigurationException when a setting is missing or invalid, naming its full key
     *                                                    and value
     */
    Rule create(RuleContext context);
}
