package org.simclrstudio.core.bench;

/** A benchmark that could not run; the message names the file or setting and the fix. */
public final class BenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for the user and the underlying cause. */
    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
