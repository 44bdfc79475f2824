package org.simclrstudio.core.train;

/** A training step whose loss (or resulting weights) is NaN or infinite; the step's update was not applied. */
public final class NonFiniteLossException extends RuntimeException {

    /** Creates the exception with a one-line message for the user. */
    public NonFiniteLossException(String message) {
        super(message);
    }
}
