/** Support shared by zprof's JFR-writing dumpers: {@link io.zprof.support.jfr.JfrFileWriter}. */
package io.zprof.support.jfr;
