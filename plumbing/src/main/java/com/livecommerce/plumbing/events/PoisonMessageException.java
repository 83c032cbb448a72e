package com.livecommerce.plumbing.events;

/**
 * A message that can never be processed, however often it is retried (not a CloudEvent, not
 * JSON, a required field missing, an unknown aggregate). It goes straight to the dead-letter topic
 * with this message as the reason; transient failures are retried first.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
