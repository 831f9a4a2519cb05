package fr.interopsr.tools;

import fr.interopsr.admin.login.AdminAccounts;
import fr.interopsr.admin.login.AdminRoles;
import fr.interopsr.admin.login.PasswordHashes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code admin-user}: creates an administrator or resets its password and roles (D-21), directly in the
 * database of {@code jdbc/interops}. Usage:
 * <pre>
 * java -jar interops-tools.jar admin-user \
 *      --jdbc-url jdbc:postgresql://db/interops --jdbc-user interops \
 *      --user alice --roles interops-admin,interops-auditor
 * </pre>
 * The database password comes from the environment variable {@code INTEROPS_JDBC_PASSWORD}; the
 * administrator's password is read from standard input (one line), or made and printed when
 * standard input is empty. {@code --disable} (or {@code --enable}) in place of {@code --roles}
 * disables (enables) the account and changes nothing else (issue 14): a disabled account logs in
 * nowhere and its console sessions end at their next request. {@code --unlock} lifts the account's
 * lockout after repeated failed logins and forgets its failures (issue 14 §2), for when no other
 * administrator can log in to lift it with {@code POST /admin/api/admins/{user}/unlock}.
 */
final class AdminUserTool {

    static final String COMMAND = "admin-user";

    private AdminUserTool() {}

    static int run(String[] args, Io io) throws Exception {
        String url = null;
        String dbUser = "";
        String user = null;
        Set<String> roles = new LinkedHashSet<>();
        Boolean disable = null;
        boolean unlock = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--unlock")) {
                unlock = true;
                i--;
                continue;
            }
            if (args[i].equals("--disable") || args[i].equals("--enable")) {
                disable = args[i].equals("--disable");
                i--;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--jdbc-url" -> url = args[i + 1];
                case "--jdbc-user" -> dbUser = args[i + 1];
                case "--user" -> user = args[i + 1];
                case "--roles" -> roles.addAll(Arrays.asList(args[i + 1].split(",")));
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        if (url == null || !AdminAccounts.validUsername(user)) {
            throw new UsageException("--jdbc-url and a valid --user are required");
        }
        if (unlock) {
            if (!roles.isEmpty() || disable != null) {
                throw new UsageException("--unlock changes nothing else: no --roles, --disable or --enable with it");
            }
            try (Connection c = DriverManager.getConnection(url, dbUser, io.jdbcPassword())) {
                if (!AdminAccounts.unlock(c, user)) {
                    io.err().println("no administrator " + user);
                    return 1;
                }
            }
            io.out().println("administrator " + user + " unlocked (failed logins forgotten)");
            return 0;
        }
        if (disable != null) {
            if (!roles.isEmpty()) {
                throw new UsageException("--disable and --enable change nothing else: no --roles with them");
            }
            try (Connection c = DriverManager.getConnection(url, dbUser, io.jdbcPassword())) {
                if (!AdminAccounts.setDisabled(c, user, disable)) {
                    io.err().println("no administrator " + user);
                    return 1;
                }
            }
            io.out().println("administrator " + user + (disable ? " disabled" : " enabled"));
            return 0;
        }
        if (!AdminRoles.ALL.containsAll(roles)) {
            throw new UsageException("roles are " + AdminRoles.ALL);
        }
        String password = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = PasswordHashes.randomPassword();
        } else if (password.length() < 12) {
            throw new UsageException("a password has at least 12 characters");
        }
        try (Connection c = DriverManager.getConnection(url, dbUser, io.jdbcPassword())) {
            AdminAccounts.save(c, user, PasswordHashes.hash(password.toCharArray()), roles);
        }
        io.out()
                .println("administrator " + user + " saved with roles " + roles
                        + (generated ? "; password: " + password : ""));
        return 0;
    }

    static String usage() {
        String tool = "java -jar interops-tools.jar " + COMMAND;
        return "usage: " + tool + " --jdbc-url URL [--jdbc-user U] --user NAME [--roles "
                + String.join(",", AdminRoles.ALL) + "]  (password on standard input)\n"
                + "       " + tool + " --jdbc-url URL [--jdbc-user U] --user NAME --disable|--enable\n"
                + "       " + tool + " --jdbc-url URL [--jdbc-user U] --user NAME --unlock\n"
                + "The database password comes from INTEROPS_JDBC_PASSWORD. With --roles (or neither --disable,\n"
                + "--enable nor --unlock), the administrator's password is read from standard input (one line, at\n"
                + "least 12 characters), or made and printed when standard input is empty.\n";
    }
}
