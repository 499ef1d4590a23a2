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

    /**
     * An analysis refused its input (too few rows, a constant series, a singular design): the
     * message names the input files, which the analysis does not know.
     */
    static UserException about(Object inputs, IllegalArgumentException e) {
        return new UserException(inputs + ": " + e.getMessage(), e);
    }
}
