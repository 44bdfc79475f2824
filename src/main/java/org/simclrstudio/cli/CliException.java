package org.simclrstudio.cli;

/** An error the command line reports as one line on stderr, with the exit status to return. */
public class CliException extends RuntimeException {

    private final int exitCode;

    /** Creates an error with exit status 1. */
    public CliException(String message) {
        this(message, 1);
    }

    /** Creates an error with the given exit status. */
    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Creates an error with exit status 1 that keeps its cause for {@code --verbose}. */
    public CliException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    /** Returns the process exit status for this error. */
    public int exitCode() {
        return exitCode;
    }
}
