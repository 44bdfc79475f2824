package org.simclrstudio.core.image;

/**
 * An image file that cannot be decoded. The message is one line for the user: it names the file,
 * states what is wrong with it and what to do instead.
 */
public class ImageDecodeException extends Exception {

    /** Creates an exception with a one-line user message. */
    public ImageDecodeException(String message) {
        super(message);
    }

    /** Creates an exception with a one-line user message and the underlying cause for the log. */
    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
