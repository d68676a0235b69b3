package sparkprop.cli;

import java.io.StringWriter;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Collects what the "sparkprop" logger writes (the driver log's own lines) while it is open. */
final class LogCapture implements AutoCloseable {

    private final StringWriter lines = new StringWriter();
    private final WriterAppender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    LogCapture() {
        appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%m%n").build(), null, lines, "capture", false, true);
        appender.start();
        Configuration config = context.getConfiguration();
        config.addAppender(appender);
        config.getLoggerConfig("sparkprop").addAppender(appender, null, null);
        context.updateLoggers();
    }

    String text() {
        return lines.toString();
    }

    @Override
    public void close() {
        context.getConfiguration().getLoggerConfig("sparkprop").removeAppender("capture");
        context.updateLoggers();
        appender.stop();
    }
}
