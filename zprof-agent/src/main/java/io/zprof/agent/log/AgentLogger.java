package io.zprof.agent.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger of zprof's code inside the agent: every line through {@link LogOutput}. */
final class AgentLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    AgentLogger(String name) {
        this.name = name;
    }

    @Override public boolean isTraceEnabled() { return LogOutput.enabled(Level.TRACE); }
    @Override public boolean isDebugEnabled() { return LogOutput.enabled(Level.DEBUG); }
    @Override public boolean isInfoEnabled() { return LogOutput.enabled(Level.INFO); }
    @Override public boolean isWarnEnabled() { return LogOutput.enabled(Level.WARN); }
    @Override public boolean isErrorEnabled() { return LogOutput.enabled(Level.ERROR); }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        LogOutput.write(level, name, MessageFormatter.basicArrayFormat(messagePattern, arguments), throwable);
    }
}
