package fr.interopsr.admin.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The terms of a convention document (CONTRACT.md "Convention document", every member that
 * {@link fr.interopsr.convention.document.ConventionDocumentReader} reads) as the fields of the console's form, in the
 * groups of the standard: general terms, scopes, identity provider, service provider, data provider (issue 18 §1,
 * P-60). A field's key is the JSON path of its member ({@code identityProvider.tokenLifetimeSeconds}), so that a
 * problem of the reader names its field. Labels and help texts are the messages {@code field.<key>} and
 * {@code field.<key>.help}; a group's title {@code group.<key>}.
 */
public final class ConventionFields {

    /** How a field is typed in and turned into JSON. */
    public enum Kind {
        /** One line of text, a JSON string. */
        TEXT,
        /** A whole number typed as text, a JSON number. */
        NUMBER,
        /** One of {@link Field#options}, a JSON string. */
        SELECT,
        /** A check box, a JSON boolean. */
        CHECKBOX,
        /** Rows of text, a JSON array of strings; rows are added and removed with buttons. */
        LIST,
        /** JSON text in a text area, kept as JSON ({@code jwks}, {@code extraClaims}, {@code acrValues}). */
        JSON,
        /** Multi-line text (PEM), a JSON string. */
        MULTILINE
    }

    /** What a field left blank becomes in the document. */
    public enum Blank {
        /** The member is left out: the reader's default, or its "is required". */
        OMIT,
        /** The member is {@code null}, as the document writes an absent optional value. */
        NULL,
        /** An empty JSON object ({@code extraClaims}). */
        EMPTY_OBJECT,
        /** {@code false}, for a check box (a check box with {@link #OMIT} is written only when ticked). */
        FALSE
    }

    /** One term. {@code options} for a {@link Kind#SELECT}, {@code ""} standing for "none" ({@code null}). */
    public record Field(String key, Kind kind, Blank blank, List<String> options) {
        public Field {
            options = List.copyOf(options);
        }

        /** The {@code id} of its input in the page. */
        public String htmlId() {
            return "f-" + key.replace('.', '-');
        }

        /** The {@code id} of the input of one row of a list. */
        public String rowId(int row) {
            return htmlId() + "-" + row;
        }

        /** The member's name in its object. */
        public String member() {
            int dot = key.lastIndexOf('.');
            return dot < 0 ? key : key.substring(dot + 1);
        }
    }

    /**
     * A fieldset. {@code object} is the path of the JSON object it stands for ({@code null} for a group of the root's
     * members); {@code absent} what the object becomes when every field is blank ({@code null} for a required object,
     * which is always written); {@code upload} whether a PEM certificate may be uploaded to fill it.
     */
    public record Group(
            String key, String object, Blank absent, boolean upload, List<Field> fields, List<Group> subgroups) {
        public Group {
            fields = List.copyOf(fields);
            subgroups = List.copyOf(subgroups);
        }

        /** The {@code id} of its fieldset. */
        public String htmlId() {
            return "g-" + key.replace('.', '-');
        }

        /** Whether the object is written only when one of its fields is given. */
        public boolean optional() {
            return absent != null;
        }
    }

    public static final List<String> STATUSES = List.of("draft", "active", "suspended", "retired");
    public static final List<String> LEVELS = List.of("", "eidas1", "eidas2", "eidas3");
    public static final List<String> CLIENT_AUTHENTICATIONS = List.of("client_secret_basic", "tls_client_auth");
    /** Suggested in the rows of {@code signatureAlgorithms} (IR-9, D-9); others may be typed, and are refused. */
    public static final List<String> ALGORITHMS = List.of("ES256", "RS256", "PS256", "ES384");

    /** The largest number of rows of a list the form keeps. */
    public static final int MAX_ROWS = 200;

    /** The groups, in the order of the page. */
    public static final List<Group> GROUPS = List.of(
            new Group(
                    "general",
                    null,
                    null,
                    false,
                    List.of(
                            text("id", Blank.OMIT),
                            text("version", Blank.OMIT),
                            text("environment", Blank.OMIT),
                            select("status", Blank.OMIT, STATUSES),
                            select("requiredAcr", Blank.NULL, LEVELS),
                            checkbox("singleUse")),
                    List.of()),
            new Group("scopes", null, null, false, List.of(list("scopes"), list("defaultScopes")), List.of()),
            new Group(
                    "identityProvider",
                    "identityProvider",
                    null,
                    false,
                    List.of(
                            text("identityProvider.issuer", Blank.OMIT),
                            number("identityProvider.tokenLifetimeSeconds"),
                            list("identityProvider.signatureAlgorithms"),
                            text("identityProvider.tokenUrl", Blank.NULL),
                            select("identityProvider.clientAuthentication", Blank.OMIT, CLIENT_AUTHENTICATIONS),
                            text("identityProvider.clockSync", Blank.NULL),
                            json("identityProvider.extraClaims", Blank.EMPTY_OBJECT),
                            json("identityProvider.jwks", Blank.NULL),
                            new Field("identityProvider.certificateBoundVi", Kind.CHECKBOX, Blank.OMIT, List.of())),
                    List.of(new Group(
                            "identityProvider.userAuthentication",
                            "identityProvider.userAuthentication",
                            Blank.OMIT,
                            false,
                            List.of(
                                    text("identityProvider.userAuthentication.issuer", Blank.OMIT),
                                    json("identityProvider.userAuthentication.jwks", Blank.NULL),
                                    text("identityProvider.userAuthentication.jwksUri", Blank.NULL),
                                    list("identityProvider.userAuthentication.audiences"),
                                    text("identityProvider.userAuthentication.subjectClaim", Blank.OMIT),
                                    json("identityProvider.userAuthentication.acrValues", Blank.OMIT),
                                    number("identityProvider.userAuthentication.maxAuthenticationAgeSeconds")),
                            List.of()))),
            new Group(
                    "serviceProvider",
                    "serviceProvider",
                    null,
                    false,
                    List.of(
                            text("serviceProvider.id", Blank.OMIT),
                            text("serviceProvider.clientId", Blank.OMIT),
                            checkbox("serviceProvider.mutualTls"),
                            list("serviceProvider.reverseProxyIps"),
                            text("serviceProvider.clockSync", Blank.NULL)),
                    List.of(certificate("serviceProvider.certificate", Blank.NULL))),
            new Group(
                    "dataProvider",
                    "dataProvider",
                    null,
                    false,
                    List.of(
                            text("dataProvider.serviceId", Blank.OMIT),
                            text("dataProvider.baseUrl", Blank.NULL),
                            list("dataProvider.reverseProxyIps"),
                            new Field("dataProvider.certificateChainPem", Kind.MULTILINE, Blank.NULL, List.of()),
                            number("dataProvider.allowedClockSkewSeconds"),
                            text("dataProvider.clockSync", Blank.NULL)),
                    List.of(certificate("dataProvider.introspectionCertificate", Blank.OMIT))));

    /** Every field, group by group (a group's own fields, then its subgroups'). */
    public static final List<Field> FIELDS = collect();

    private ConventionFields() {}

    /** The field with this key. */
    public static Optional<Field> field(String key) {
        return FIELDS.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** Every group and subgroup. */
    public static List<Group> allGroups() {
        List<Group> all = new ArrayList<>();
        for (Group g : GROUPS) {
            all.add(g);
            all.addAll(g.subgroups());
        }
        return all;
    }

    /** The group or subgroup with this key. */
    public static Optional<Group> group(String key) {
        return allGroups().stream().filter(g -> g.key().equals(key)).findFirst();
    }

    /** The groups that accept the upload of a certificate. */
    public static List<Group> uploadGroups() {
        return allGroups().stream().filter(Group::upload).toList();
    }

    private static List<Field> collect() {
        List<Field> all = new ArrayList<>();
        for (Group g : GROUPS) {
            all.addAll(g.fields());
            g.subgroups().forEach(s -> all.addAll(s.fields()));
        }
        return List.copyOf(all);
    }

    private static Group certificate(String key, Blank absent) {
        return new Group(
                key,
                key,
                absent,
                true,
                List.of(
                        text(key + ".subjectDn", Blank.NULL),
                        text(key + ".issuerDn", Blank.NULL),
                        text(key + ".sha256", Blank.NULL)),
                List.of());
    }

    private static Field text(String key, Blank blank) {
        return new Field(key, Kind.TEXT, blank, List.of());
    }

    private static Field number(String key) {
        return new Field(key, Kind.NUMBER, Blank.OMIT, List.of());
    }

    private static Field select(String key, Blank blank, List<String> options) {
        return new Field(key, Kind.SELECT, blank, options);
    }

    private static Field checkbox(String key) {
        return new Field(key, Kind.CHECKBOX, Blank.FALSE, List.of());
    }

    private static Field list(String key) {
        return new Field(key, Kind.LIST, Blank.OMIT, List.of());
    }

    private static Field json(String key, Blank blank) {
        return new Field(key, Kind.JSON, blank, List.of());
    }
}
