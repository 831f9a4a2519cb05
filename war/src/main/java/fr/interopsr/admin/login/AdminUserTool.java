package fr.interopsr.admin.login;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Command line: creates an administrator or resets its password and roles (D-21), directly in the
 * database of {@code jdbc/interops}. Usage:
 * <pre>
 * java -cp WEB-INF/classes:&lt;jdbc driver jar&gt; fr.interopsr.admin.login.AdminUserTool \
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
public final class AdminUserTool {

    private AdminUserTool() {}

    public static void main(String[] args) throws Exception {
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
                usage("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--jdbc-url" -> url = args[i + 1];
                case "--jdbc-user" -> dbUser = args[i + 1];
                case "--user" -> user = args[i + 1];
                case "--roles" -> roles.addAll(Arrays.asList(args[i + 1].split(",")));
                default -> usage("unknown option " + args[i]);
            }
        }
        if (url == null || !AdminAccounts.validUsername(user)) {
            usage("--jdbc-url and a valid --user are required");
        }
        if (unlock) {
            if (!roles.isEmpty() || disable != null) {
                usage("--unlock changes nothing else: no --roles, --disable or --enable with it");
            }
            String dbPassword = System.getenv().getOrDefault("INTEROPS_JDBC_PASSWORD", "");
            try (Connection c = DriverManager.getConnection(url, dbUser, dbPassword)) {
                if (!AdminAccounts.unlock(c, user)) {
                    System.err.println("no administrator " + user);
                    System.exit(1);
                }
            }
            System.out.println("administrator " + user + " unlocked (failed logins forgotten)");
            return;
        }
        if (disable != null) {
            if (!roles.isEmpty()) {
                usage("--disable and --enable change nothing else: no --roles with them");
            }
            String dbPassword = System.getenv().getOrDefault("INTEROPS_JDBC_PASSWORD", "");
            try (Connection c = DriverManager.getConnection(url, dbUser, dbPassword)) {
                if (!AdminAccounts.setDisabled(c, user, disable)) {
                    System.err.println("no administrator " + user);
                    System.exit(1);
                }
            }
            System.out.println("administrator " + user + (disable ? " disabled" : " enabled"));
            return;
        }
        if (!AdminRoles.ALL.containsAll(roles)) {
            usage("roles are " + AdminRoles.ALL);
        }
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = PasswordHashes.randomPassword();
        } else if (password.length() < 12) {
            usage("a password has at least 12 characters");
        }
        String dbPassword = System.getenv().getOrDefault("INTEROPS_JDBC_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(url, dbUser, dbPassword)) {
            AdminAccounts.save(c, user, PasswordHashes.hash(password.toCharArray()), roles);
        }
        System.out.println(
                "administrator " + user + " saved with roles " + roles + (generated ? "; password: " + password : ""));
    }

    private static void usage(String why) {
        System.err.println(why);
        System.err.println("usage: AdminUserTool --jdbc-url URL [--jdbc-user U] --user NAME [--roles "
                + String.join(",", AdminRoles.ALL) + "]  (password on standard input)");
        System.err.println("       AdminUserTool --jdbc-url URL [--jdbc-user U] --user NAME --disable|--enable");
        System.err.println("       AdminUserTool --jdbc-url URL [--jdbc-user U] --user NAME --unlock");
        System.exit(2);
    }
}
