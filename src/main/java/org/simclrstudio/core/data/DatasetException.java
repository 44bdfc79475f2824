package org.simclrstudio.core.data;

/**
 * A dataset that cannot be opened or read. The message is one line for the user: it names the
 * file (and the record where one is at fault), says what was expected and what to do.
 */
public class DatasetException extends Exception {

    /** Creates an exception with a one-line user message. */
    public DatasetException(String message) {
        super(message);
    }

    /** Creates an exception with a one-line user message and the underlying cause for the log. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
