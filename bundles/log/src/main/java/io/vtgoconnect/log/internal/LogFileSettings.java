package io.vtgoconnect.log.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the log file is kept and how far it grows: configuration PID {@value #PID}. */
@ObjectClassDefinition(name = "VTGOConnect log file",
        description = "The runtime's log file: every entry of the OSGi Log Service at or above a level, one line each.")
@interface LogFileSettings {
    String PID = "io.vtgoconnect.log";

    @AttributeDefinition(name = "Folder", description = "The folder of the log files; made, readable by the user only, when missing.")
    String folder() default "log";

    @AttributeDefinition(name = "Level", description = "The lowest level written: ERROR, WARN, INFO, DEBUG or TRACE. "
            + "Which entries the bundles make at all is set by the Log Service (configuration org.osgi.service.log.admin).")
    String level() default "INFO";

    @AttributeDefinition(name = "Size", description = "Kilobytes a file may grow to before it is rotated.")
    int max_size_kb() default 1024;

    @AttributeDefinition(name = "Files", description = "Rotated files kept beside the current one (vtgoconnect.log.1 is the newest).")
    int max_files() default 5;
}
