/**
 * zprof's architecture rules, reusable: {@link io.zprof.testing.arch.ZprofArchitectureRules} checks zprof's own
 * modules and lets a third party check that its plugin depends on zprof-api only.
 */
package io.zprof.testing.arch;
