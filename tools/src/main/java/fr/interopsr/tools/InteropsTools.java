package fr.interopsr.tools;

import java.util.Arrays;

/**
 * The operator's command-line tools of Interops-R Server (issue 14 §5), one runnable jar that the WAR does not hold:
 * <pre>
 * java -jar interops-tools.jar admin-user   --jdbc-url URL [--jdbc-user U] --user NAME [--roles …|--disable|--enable|--unlock]
 * java -jar interops-tools.jar trace-verify --jdbc-url URL [--jdbc-user U]
 * java -jar interops-tools.jar --help
 * </pre>
 * Each command reuses the server's own classes (the same password hashes, accounts and trace chains) and talks to
 * the database of {@code jdbc/interops} directly; the PostgreSQL and H2 drivers are in the jar. Exit codes: 0 done,
 * 1 failed (no such administrator, a broken chain, a database error), 2 a command line it cannot run.
 */
public final class InteropsTools {

    private InteropsTools() {}

    public static void main(String[] args) {
        System.exit(run(args, Io.system()));
    }

    /** Runs the command {@code args[0]} with the rest of {@code args}; returns the exit code. */
    static int run(String[] args, Io io) {
        if (args.length == 0) {
            io.err().print(help());
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "--help", "-h", "help" -> {
                    io.out().print(help());
                    return 0;
                }
                case AdminUserTool.COMMAND -> {
                    return helpAsked(rest) ? printed(io, AdminUserTool.usage()) : AdminUserTool.run(rest, io);
                }
                case TraceVerifyTool.COMMAND -> {
                    return helpAsked(rest) ? printed(io, TraceVerifyTool.usage()) : TraceVerifyTool.run(rest, io);
                }
                default -> {
                    io.err().println("unknown command " + args[0]);
                    io.err().print(help());
                    return 2;
                }
            }
        } catch (UsageException e) {
            io.err().println(e.getMessage());
            io.err().print(args[0].equals(AdminUserTool.COMMAND) ? AdminUserTool.usage() : TraceVerifyTool.usage());
            return 2;
        } catch (Exception e) {
            io.err().println(args[0] + " failed: " + e);
            return 1;
        }
    }

    /** The text of {@code --help}. */
    static String help() {
        return """
                Interops-R Server: the operator's tools.

                usage: java -jar interops-tools.jar COMMAND [OPTION…]
                       java -jar interops-tools.jar COMMAND --help

                commands:
                  %s    create an administrator or reset its password and roles (D-21);
                                --disable, --enable or --unlock an existing one
                  %s  walk every trace chain of the database and report the first broken
                                record of each (the same check as GET /admin/api/traces/verify)

                Both read the database password from INTEROPS_JDBC_PASSWORD. JDBC drivers included:
                PostgreSQL (jdbc:postgresql://…) and H2 (jdbc:h2:…).
                Exit codes: 0 done, 1 failed, 2 a command line that cannot run.
                """.formatted(AdminUserTool.COMMAND, TraceVerifyTool.COMMAND);
    }

    private static boolean helpAsked(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    private static int printed(Io io, String text) {
        io.out().print(text);
        return 0;
    }
}
