package org.quantstream.examples.cli;

/**
 * A problem the user can fix (a missing file, a bad option combination): printed as one line
 * without a stack trace, exit code 1.
 */
final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }

    UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
