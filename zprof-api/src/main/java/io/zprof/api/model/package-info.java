/** Immutable value types exchanged between the engine and its adapters: records and enums only. */
package io.zprof.api.model;
