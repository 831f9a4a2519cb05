package fr.interopsr.tools;

import fr.interopsr.platform.SchemaMigrator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;

/** One run of {@link InteropsTools#run} with given standard input and environment, and what it printed. */
record ToolRun(int exit, String out, String err) {

    static ToolRun of(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = InteropsTools.run(
                args,
                new Io(
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env));
        return new ToolRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static ToolRun of(String... args) {
        return of("", Map.of(), args);
    }

    /**
     * A new H2 file database under {@code dir} with the server's schema, made by the WAR's own {@link SchemaMigrator}
     * (as the server does at start-up); returns its JDBC URL (user {@code sa}, no password).
     */
    static String newDatabase(Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("interops").toAbsolutePath();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        new SchemaMigrator(ds).migrate();
        return url;
    }

    static Connection connect(String url) throws Exception {
        return DriverManager.getConnection(url, "sa", "");
    }
}
