/**
 * The {@code zprof} command-line tool: reads the evidence a zprof dump directory holds, offline, on a machine of the
 * operator's choosing. Heavy analyses (heap dumps) run here, never in the monitored service.
 */
package io.zprof.cli;
