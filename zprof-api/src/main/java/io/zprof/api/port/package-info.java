/**
 * The ports the engine calls. Adapters implement them; the engine owns threads, queues, timeouts and retries,
 * so an implementation is plain synchronous code.
 */
package io.zprof.api.port;
