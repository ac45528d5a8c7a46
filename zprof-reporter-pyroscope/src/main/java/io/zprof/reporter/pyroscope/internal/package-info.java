/** Service-loader wiring of the Pyroscope reporter; no compatibility promise. */
package io.zprof.reporter.pyroscope.internal;
