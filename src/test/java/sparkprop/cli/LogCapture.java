package sparkprop.cli;

import java.io.StringWriter;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * Collects what the "sparkprop" logger writes (the driver log's own lines) while it is open: the
 * messages, or with {@link #json()} whole events in the layout of conf/log4j2-json.properties.
 */
final class LogCapture implements AutoCloseable {

    private final StringWriter lines = new StringWriter();
    private final WriterAppender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final String name;

    LogCapture() {
        this(PatternLayout.newBuilder().withPattern("%m%n").build(), "capture");
    }

    /** Spark's structured-logging layout, as conf/log4j2-json.properties names it. */
    static LogCapture json() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        return new LogCapture(JsonTemplateLayout.newBuilder().setConfiguration(context.getConfiguration())
                .setEventTemplateUri("classpath:org/apache/spark/SparkLayout.json").build(), "capture-json");
    }

    private LogCapture(StringLayout layout, String name) {
        this.name = name;
        appender = WriterAppender.createAppender(layout, null, lines, name, false, true);
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
        context.getConfiguration().getLoggerConfig("sparkprop").removeAppender(name);
        context.updateLoggers();
        appender.stop();
    }
}
