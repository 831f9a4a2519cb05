package fr.interopsr.tools;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** What a tool reads and writes: standard input, output and error, and the environment (so tests can give them). */
record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {

    /** The process's own streams and environment. */
    static Io system() {
        return new Io(System.in, System.out, System.err, System.getenv());
    }

    /** The database password, from {@code INTEROPS_JDBC_PASSWORD} (empty when unset). */
    String jdbcPassword() {
        return env.getOrDefault("INTEROPS_JDBC_PASSWORD", "");
    }
}
