package org.simclrstudio.core.data.download;

/**
 * A download or extraction that failed. The message is one line for the user: it names the URL or
 * file, what failed and what to do next.
 */
public class DownloadException extends Exception {

    /** Creates an exception with a one-line user message. */
    public DownloadException(String message) {
        super(message);
    }

    /** Creates an exception with a one-line user message and the underlying cause for the log. */
    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
