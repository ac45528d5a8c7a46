/**
 * Test kit for zprof plugin authors. Add {@code io.zprof:zprof-testing} in test scope, then:
 * <ul>
 *   <li>extend {@link io.zprof.testing.ReporterProviderContract}, {@link io.zprof.testing.CollectorProviderContract}
 *       or {@link io.zprof.testing.DumperProviderContract} to check a provider against the rules every provider
 *       keeps, and {@link io.zprof.testing.RuleProviderContract} to check a rule type;</li>
 *   <li>hand a provider a {@link io.zprof.testing.TestProviderContext} to unit-test what it creates;</li>
 *   <li>run the real engine with {@code Zprof.builder().manualSampling().clock(new ManualClock())}, your provider
 *       instance and an {@link io.zprof.testing.InMemoryReporter}, to test end to end with no sleeps.</li>
 * </ul>
 */
package io.zprof.testing;
