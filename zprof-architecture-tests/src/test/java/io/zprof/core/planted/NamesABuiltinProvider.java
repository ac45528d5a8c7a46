package io.zprof.core.planted;

/** Planted for R8: the engine naming a built-in provider instead of finding it through ServiceLoader. */
public final class NamesABuiltinProvider {
    /** @return the provider, named */
    public Object provider() {
        return new io.zprof.core.internal.jvm.JvmCollectorProvider();
    }
}
