package fr.interopsr.app;

import fr.interopsr.trace.TraceChain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Issue 14 §5: a production start (development mode off) refuses the development defaults that
 * the application reads, each named with the way to replace it. Plain Java: {@link #check} takes
 * what the start-up read, so unit tests drive every case without a container.
 *
 * <ul>
 *   <li>the published development HMAC key of the trace journal ({@code server-config/*\/dev.properties});
 *   <li>{@code changeit}, the development password, for a store the application opens: the truststore,
 *       the signing key store and, on Payara Micro, the {@code javax.net.ssl.*} stores of its HTTPS listener;
 *   <li>a certificate of the development PKI ({@code O=Interops-R Dev}) in any of those stores;
 *   <li>an enabled administrator account made by development mode ({@code admin_user.dev_account}, V9),
 *       whose password the development banner prints.
 * </ul>
 */
public final class ProductionDefaults {

    /**
     * The id (D-26, {@link TraceChain#keyIdOf}) of the trace HMAC key published in
     * {@code server-config/payara/dev.properties} and {@code server-config/wildfly/dev.properties}.
     */
    static final String DEV_HMAC_KEY_ID = "hk-b566c33baba1201e";

    /** The password of every store of the development PKI and of the JDK's own cacerts. */
    static final String DEV_PASSWORD = "changeit";

    /** The organisation of every certificate the development PKI makes ({@code O=Interops-R Dev}). */
    static final String DEV_PKI_ORGANISATION = "Interops-R Dev";

    private ProductionDefaults() {}

    /** A development default found, and how to replace it. */
    public record Finding(String what, String replaceWith) {
        @Override
        public String toString() {
            return what + ": " + replaceWith;
        }
    }

    /** A key or trust store the application (or its server) opens, as configured. */
    public record Store(String setting, String passwordSetting, Path path, String password) {}

    /**
     * What the start-up read: the trace HMAC key (base64, may be empty), the stores, and the
     * enabled accounts marked as made by development mode.
     */
    public record Inputs(Optional<String> traceHmacKey, List<Store> stores, List<String> devAccounts) {}

    /** Every development default among the inputs, in a stable order; empty when there is none. */
    public static List<Finding> check(Inputs in) {
        List<Finding> found = new ArrayList<>();
        in.traceHmacKey()
                .filter(k -> isDevHmacKey(k))
                .ifPresent(k -> found.add(new Finding(
                        "interops.traces.hmac-key is the published development key (" + DEV_HMAC_KEY_ID + ")",
                        "make a key (head -c 32 /dev/urandom | base64) and set it as interops.traces.hmac-key"
                                + " (INTEROPS_TRACES_HMAC_KEY) on every node; if traces were already chained with the"
                                + " development key, keep it in interops.traces.hmac-previous-keys so that they still"
                                + " verify (D-26, docs/operations.md)")));
        for (Store store : in.stores()) {
            if (store.path() == null) {
                continue;
            }
            if (DEV_PASSWORD.equals(store.password())) {
                found.add(new Finding(
                        store.passwordSetting() + " is \"" + DEV_PASSWORD + "\", the development password, for "
                                + store.path(),
                        "protect the store with a password of its own (keytool -storepasswd) and give it"
                                + " through a password alias or the environment, never in a file of the WAR"
                                + " (docs/operations.md, Secrets)"));
            }
            for (String alias : devCertificates(store)) {
                found.add(new Finding(
                        store.setting() + " " + store.path() + " holds a certificate of the development PKI (entry "
                                + alias + ", O=" + DEV_PKI_ORGANISATION + ")",
                        "use the institution's own certificates and keys (docs/operations.md, Certificates);"
                                + " the development PKI's private keys are not secret"));
            }
        }
        for (String account : in.devAccounts()) {
            found.add(new Finding(
                    "administrator account " + account + " was made by development mode; its password is printed"
                            + " in the development banner",
                    "disable it (java -jar interops-tools.jar admin-user --jdbc-url … --user " + account
                            + " --disable) or give it a new password with the same tool"));
        }
        return List.copyOf(found);
    }

    /** The message a refused start logs and throws: every finding, one per line. */
    public static String refusal(List<Finding> findings) {
        StringBuilder b = new StringBuilder("development defaults in a production start (interops.dev.mode is off);")
                .append(" replace each of them:");
        for (Finding f : findings) {
            b.append("\n  - ").append(f);
        }
        return b.toString();
    }

    static boolean isDevHmacKey(String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            return key.length >= 32 && DEV_HMAC_KEY_ID.equals(TraceChain.keyIdOf(key));
        } catch (IllegalArgumentException e) {
            return false; // not base64: the journal refuses it on its own
        }
    }

    /** Whether the name is one of the development PKI's: its organisation is {@value #DEV_PKI_ORGANISATION}. */
    static boolean isDevPkiName(X500Principal name) {
        for (String rdn : name.getName(X500Principal.RFC2253).split("(?<!\\\\),")) {
            if (rdn.strip().equalsIgnoreCase("O=" + DEV_PKI_ORGANISATION)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The aliases of the store's entries whose certificate (or a certificate of whose chain) was
     * issued by or for the development PKI. A store that cannot be opened yields none: the step
     * that uses it reports that on its own.
     */
    static List<String> devCertificates(Store store) {
        if (store.path() == null || !Files.isReadable(store.path())) {
            return List.of();
        }
        char[] password =
                store.password() == null ? new char[0] : store.password().toCharArray();
        try (InputStream in = Files.newInputStream(store.path())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            List<String> aliases = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                List<Certificate> certs = new ArrayList<>();
                Certificate[] chain = ks.getCertificateChain(alias);
                if (chain != null) {
                    certs.addAll(List.of(chain));
                } else if (ks.getCertificate(alias) != null) {
                    certs.add(ks.getCertificate(alias));
                }
                for (Certificate c : certs) {
                    if (c instanceof X509Certificate x
                            && (isDevPkiName(x.getSubjectX500Principal())
                                    || isDevPkiName(x.getIssuerX500Principal()))) {
                        aliases.add(alias);
                        break;
                    }
                }
            }
            return aliases;
        } catch (IOException | GeneralSecurityException e) {
            return List.of();
        }
    }
}
