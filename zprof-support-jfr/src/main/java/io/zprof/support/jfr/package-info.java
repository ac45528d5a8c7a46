/**
 * Support shared by zprof's JFR-writing dumpers ({@code zprof-dumper-jfr}, {@code zprof-dumper-async}): writing a
 * capture's file without zprof's own threads ({@link io.zprof.support.jfr.JfrFileWriter},
 * {@link io.zprof.support.jfr.OwnThreads}) and its text summary ({@link io.zprof.support.jfr.ProfileSummary}: top
 * frames by self and total weight, per-thread and per-class tables), one piece of code for both dumpers' files.
 */
package io.zprof.support.jfr;
