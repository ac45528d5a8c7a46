/** Service-loader wiring of the HTTP reporter; no compatibility promise. */
package io.zprof.reporter.http.internal;
