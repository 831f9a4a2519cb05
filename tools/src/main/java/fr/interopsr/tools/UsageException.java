package fr.interopsr.tools;

/** A command line that a tool cannot run: the tool prints why and its usage, and exits with 2. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String why) {
        super(why);
    }
}
