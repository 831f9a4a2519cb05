package fr.interopsr.convention.document;

import fr.interopsr.json.StrictJson;
import fr.interopsr.json.StrictJsonResult;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads and validates a convention document (CONTRACT.md "Convention document", IR-20): strict
 * JSON (UTF-8, no duplicate members, at most 1 MiB), no unknown field at any level, every field
 * checked (IR-9 and D-9 algorithms, IR-10 issuer and identifiers, IR-16 scopes, D-14 version),
 * and every problem reported at once with the JSON-path-like name of its field.
 */
public final class ConventionDocumentReader {

    /** Largest document accepted, in bytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** Claims a VI sets itself (IR-10); an extra claim may not take one of these names. */
    public static final Set<String> REGISTERED_CLAIMS =
            Set.of("jti", "sub", "iat", "nbf", "exp", "iss", "ver", "aud", "scp", "env", "azp", "acr", "auth_time");

    /** RFC 7800 §3.1: the confirmation claim, set only by {@code certificateBoundVi} (RFC 8705 §3). */
    public static final String CONFIRMATION_CLAIM = "cnf";

    private static final Set<String> ROOT_FIELDS = Set.of(
            "id",
            "version",
            "environment",
            "status",
            "requiredAcr",
            "scopes",
            "defaultScopes",
            "singleUse",
            "identityProvider",
            "serviceProvider",
            "dataProvider");
    private static final Set<String> IDP_FIELDS = Set.of(
            "issuer",
            "tokenLifetimeSeconds",
            "signatureAlgorithms",
            "tokenUrl",
            "clientAuthentication",
            "clockSync",
            "extraClaims",
            "jwks",
            "certificateBoundVi",
            "userAuthentication");
    private static final Set<String> USER_AUTHENTICATION_FIELDS = Set.of(
            "issuer", "jwks", "jwksUri", "audiences", "subjectClaim", "acrValues", "maxAuthenticationAgeSeconds");
    /** Largest {@code maxAuthenticationAgeSeconds}: a day, as a VI's lifetime. */
    private static final int MAX_AUTHENTICATION_AGE = 86_400;

    private static final Set<String> SP_FIELDS =
            Set.of("id", "clientId", "mutualTls", "certificate", "reverseProxyIps", "clockSync");
    private static final Set<String> CERTIFICATE_FIELDS = Set.of("subjectDn", "issuerDn", "sha256");
    private static final Set<String> DP_FIELDS = Set.of(
            "serviceId",
            "baseUrl",
            "reverseProxyIps",
            "certificateChainPem",
            "allowedClockSkewSeconds",
            "clockSync",
            "introspectionCertificate");

    private static final String ALLOWED_ALGORITHMS = "ES256, RS256, PS256, ES384";
    private static final int MAX_LIFETIME = 86_400;
    private static final int MAX_SKEW = DataProviderTerms.MAX_ALLOWED_CLOCK_SKEW_SECONDS;

    private ConventionDocumentReader() {}

    /** Reads UTF-8 JSON bytes (at most {@link #MAX_BYTES}); never throws. */
    public static ConventionReadResult read(byte[] json) {
        StrictJsonResult<JsonObject> parsed = StrictJson.parseObject(json, MAX_BYTES);
        if (parsed.isSuccess()) {
            return read(parsed.value().orElseThrow());
        }
        String field = parsed.path().isEmpty() ? Problem.DOCUMENT : parsed.path();
        String message =
                switch (parsed.error().orElseThrow()) {
                    case TOO_LARGE -> "the document is larger than 1 MiB (" + parsed.detail() + ")";
                    case NOT_UTF8 -> "the document is not valid UTF-8 (" + parsed.detail() + ")";
                    case NOT_JSON -> "the document is not valid JSON (" + parsed.detail() + ")";
                    case NOT_AN_OBJECT -> "the document must be a JSON object (" + parsed.detail() + ")";
                    case DUPLICATE_MEMBER ->
                        "member '" + parsed.detail() + "' appears more than once in the same object";
                    case TOO_DEEP -> "the document nests objects and arrays too deeply (" + parsed.detail() + ")";
                };
        return ConventionReadResult.invalid(List.of(new Problem(field, message)));
    }

    /** Validates an already parsed document; never throws. */
    public static ConventionReadResult read(JsonObject json) {
        if (json == null) {
            return ConventionReadResult.invalid(List.of(new Problem(Problem.DOCUMENT, "no document")));
        }
        List<Problem> problems = new ArrayList<>();
        MemberReader root = new MemberReader(json, "", problems, ROOT_FIELDS);

        Optional<String> id = root.string("id", true, FieldRules::conventionId);
        Optional<String> version = root.string("version", true, FieldRules::version);
        Optional<String> environment = root.string("environment", true, FieldRules::environment);
        Optional<ConventionStatus> status = root.string(
                        "status",
                        true,
                        s -> ConventionStatus.fromJson(s).isPresent()
                                ? null
                                : "is not a status: use draft, active, suspended or retired")
                .flatMap(ConventionStatus::fromJson);
        Optional<AuthenticationLevel> requiredAcr = root.string(
                        "requiredAcr",
                        false,
                        s -> AuthenticationLevel.fromJson(s).isPresent()
                                ? null
                                : "is not an authentication level: use eidas1, eidas2, eidas3 or null (IR-10, IR-20)")
                .flatMap(AuthenticationLevel::fromJson);
        List<String> scopes = root.strings("scopes", true, FieldRules::scope);
        if (root.isEmptyArray("scopes")) {
            root.problem("scopes", "must name at least one scope (IR-16, IR-20)");
        }
        List<String> defaultScopes = root.strings("defaultScopes", false, s -> null);
        if (json.get("scopes") instanceof JsonArray listed) {
            // compared with every string listed, valid or not, so that a bad scope is reported once
            Set<String> named = new HashSet<>();
            listed.forEach(v -> {
                if (v instanceof JsonString s) {
                    named.add(s.getString());
                }
            });
            for (String scope : defaultScopes) {
                if (!named.contains(scope)) {
                    root.problem(
                            defaultScopeField(json, scope),
                            MemberReader.quote(scope) + " is not one of the convention's scopes");
                }
            }
        }
        boolean singleUse = root.bool("singleUse", false);

        Optional<IdentityProviderTerms> identityProvider = root.object("identityProvider", true)
                .flatMap(o -> identityProvider(o, root.field("identityProvider"), problems));
        Optional<ServiceProviderTerms> serviceProvider = root.object("serviceProvider", true)
                .flatMap(o -> serviceProvider(o, root.field("serviceProvider"), problems));
        Optional<DataProviderTerms> dataProvider =
                root.object("dataProvider", true).flatMap(o -> dataProvider(o, root.field("dataProvider"), problems));

        requiredAcr.ifPresent(required -> identityProvider
                .flatMap(IdentityProviderTerms::userAuthentication)
                .filter(u -> u.acrValues().values().stream().noneMatch(l -> l.satisfies(required)))
                .ifPresent(u -> root.problem(
                        "identityProvider.userAuthentication.acrValues",
                        "no acr value maps to a level that meets the convention's requiredAcr " + required.jsonName()
                                + ": every token exchange would be refused")));

        if (!problems.isEmpty()) {
            return ConventionReadResult.invalid(problems);
        }
        return ConventionReadResult.valid(new ConventionDocument(
                id.orElseThrow(),
                version.orElseThrow(),
                environment.orElseThrow(),
                status.orElseThrow(),
                requiredAcr,
                scopes,
                defaultScopes,
                singleUse,
                identityProvider.orElseThrow(),
                serviceProvider.orElseThrow(),
                dataProvider.orElseThrow()));
    }

    /** The field of a default scope, by its index in the original array. */
    private static String defaultScopeField(JsonObject json, String scope) {
        JsonArray array = json.getJsonArray("defaultScopes");
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonString s && s.getString().equals(scope)) {
                return MemberReader.element("defaultScopes", i);
            }
        }
        return "defaultScopes";
    }

    private static Optional<IdentityProviderTerms> identityProvider(
            JsonObject json, String path, List<Problem> problems) {
        int before = problems.size();
        MemberReader r = new MemberReader(json, path, problems, IDP_FIELDS);
        Optional<String> issuer = r.string("issuer", true, FieldRules::issuer);
        OptionalInt lifetime = r.integer(
                "tokenLifetimeSeconds",
                null,
                1,
                MAX_LIFETIME,
                " seconds: a VI must expire, and not later than a day after issue (IR-10, IR-20)");
        List<SignatureAlgorithm> algorithms = signatureAlgorithms(r);
        Optional<String> tokenUrl = r.string("tokenUrl", false, s -> FieldRules.httpsUrl(s, true));
        Optional<ClientAuthentication> clientAuthentication = r.string(
                        "clientAuthentication",
                        true,
                        s -> ClientAuthentication.fromJson(s).isPresent()
                                ? null
                                : "is not a client authentication method: use client_secret_basic or tls_client_auth (D-6, D-8)")
                .flatMap(ClientAuthentication::fromJson);
        Optional<String> clockSync = r.string("clockSync", false, FieldRules::clockSync);
        Optional<JsonObject> extraClaims = r.object("extraClaims", false);
        extraClaims.ifPresent(claims -> {
            for (String name : claims.keySet()) {
                if (REGISTERED_CLAIMS.contains(name)) {
                    r.problem(
                            r.field("extraClaims") + "." + name,
                            "'" + name + "' is a registered VI claim set by"
                                    + " the identity provider (IR-10); an extra claim cannot take its name");
                } else if (name.equals(CONFIRMATION_CLAIM)) {
                    r.problem(
                            r.field("extraClaims") + "." + name,
                            "'cnf' is the confirmation claim (RFC 7800, RFC 8705 §3) that a data provider checks"
                                    + " against the client certificate; set certificateBoundVi instead");
                } else if (name.isEmpty()) {
                    r.problem(r.field("extraClaims"), "an extra claim needs a non-empty name");
                }
            }
        });
        Optional<JsonObject> jwks = r.object("jwks", false);
        jwks.ifPresent(set -> JwksRule.check(set, r.field("jwks"), algorithms, problems));
        boolean certificateBoundVi = r.bool("certificateBoundVi", false);
        // RFC 8705 §3: a VI is bound to the certificate its client authenticated with, so only tls_client_auth
        if (certificateBoundVi && clientAuthentication.orElse(null) == ClientAuthentication.CLIENT_SECRET_BASIC) {
            r.problem(
                    r.field("certificateBoundVi"),
                    "is true but clientAuthentication is client_secret_basic: a VI is bound to the certificate its"
                            + " client authenticates with (RFC 8705 §3), so it needs tls_client_auth");
        }
        Optional<UserAuthenticationTerms> userAuthentication = r.object("userAuthentication", false)
                .flatMap(o -> userAuthentication(o, r.field("userAuthentication"), problems));

        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new IdentityProviderTerms(
                issuer.orElseThrow(),
                lifetime.orElseThrow(),
                algorithms,
                tokenUrl,
                clientAuthentication.orElseThrow(),
                clockSync,
                extraClaims.orElse(JsonValue.EMPTY_JSON_OBJECT),
                jwks,
                certificateBoundVi,
                userAuthentication));
    }

    /**
     * Issue 17 §3: the OpenID provider whose ID tokens a token exchange accepts. The issuer; exactly one of an inline
     * {@code jwks} (public keys, as {@link JwksRule} checks them, at least one) and an https {@code jwksUri}; at least
     * one audience; the claim that becomes {@code sub} (default {@code sub}); at least one {@code acr} value mapped
     * to eidas1..eidas3; the largest age of the authentication, 1..86400 seconds.
     */
    private static Optional<UserAuthenticationTerms> userAuthentication(
            JsonObject json, String path, List<Problem> problems) {
        int before = problems.size();
        MemberReader r = new MemberReader(json, path, problems, USER_AUTHENTICATION_FIELDS);
        Optional<String> issuer = r.string("issuer", true, FieldRules::issuer);
        Optional<JsonObject> jwks = r.object("jwks", false);
        Optional<String> jwksUri = r.string("jwksUri", false, s -> FieldRules.httpsUrl(s, true));
        if (r.given("jwks") == r.given("jwksUri")) {
            r.problem(
                    path,
                    "must give the OpenID provider's keys either inline (jwks) or as an https URL (jwksUri),"
                            + " exactly one of them");
        }
        jwks.ifPresent(set -> {
            JwksRule.check(set, r.field("jwks"), List.of(SignatureAlgorithm.values()), problems);
            if (set.get("keys") instanceof JsonArray keys && keys.isEmpty()) {
                r.problem(r.field("jwks") + ".keys", "must hold at least one public key of the OpenID provider");
            }
        });
        List<String> audiences = r.strings("audiences", true, s -> s.isEmpty() ? "must not be empty" : null);
        if (r.isEmptyArray("audiences")) {
            r.problem(r.field("audiences"), "must name at least one accepted audience (the provider's client_id)");
        }
        Optional<String> subjectClaim =
                r.string("subjectClaim", false, s -> s.isEmpty() ? "must name a claim of the ID token" : null);
        Map<String, AuthenticationLevel> acrValues = new LinkedHashMap<>();
        r.object("acrValues", true).ifPresent(map -> {
            if (map.isEmpty()) {
                r.problem(r.field("acrValues"), "must map at least one of the provider's acr values to eidas1..eidas3");
            }
            MemberReader values = new MemberReader(map, r.field("acrValues"), problems, map.keySet());
            for (String name : map.keySet()) {
                if (name.isEmpty()) {
                    values.problem(values.field(name), "an acr value needs a non-empty name");
                    continue;
                }
                values.string(
                                name,
                                true,
                                s -> AuthenticationLevel.fromJson(s).isPresent()
                                        ? null
                                        : "is not an authentication level: use eidas1, eidas2 or eidas3")
                        .flatMap(AuthenticationLevel::fromJson)
                        .ifPresent(level -> acrValues.put(name, level));
            }
        });
        OptionalInt maxAge = r.integer(
                "maxAuthenticationAgeSeconds",
                null,
                1,
                MAX_AUTHENTICATION_AGE,
                " seconds: the largest allowed age of the user's authentication (auth_time)");
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new UserAuthenticationTerms(
                issuer.orElseThrow(),
                jwks,
                jwksUri,
                audiences,
                subjectClaim.orElse(UserAuthenticationTerms.DEFAULT_SUBJECT_CLAIM),
                acrValues,
                maxAge.orElseThrow()));
    }

    /** IR-9, D-9: a non-empty list of asymmetric algorithms; HMAC and none named as such. */
    private static List<SignatureAlgorithm> signatureAlgorithms(MemberReader r) {
        List<String> names = r.strings("signatureAlgorithms", true, ConventionDocumentReader::algorithmRule);
        if (r.isEmptyArray("signatureAlgorithms")) {
            r.problem(
                    r.field("signatureAlgorithms"),
                    "must name at least one algorithm of " + ALLOWED_ALGORITHMS + " (IR-9, D-9)");
        }
        List<SignatureAlgorithm> algorithms = new ArrayList<>();
        names.forEach(n -> algorithms.add(SignatureAlgorithm.fromJson(n).orElseThrow()));
        return algorithms;
    }

    private static String algorithmRule(String name) {
        if (SignatureAlgorithm.fromJson(name).isPresent()) {
            return null;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith("HS")) {
            return "is a symmetric (HMAC) algorithm, forbidden by IR-9 and D-9; allowed: " + ALLOWED_ALGORITHMS;
        }
        if (upper.equals("NONE")) {
            return "means an unsigned VI, forbidden by IR-9 and D-9; allowed: " + ALLOWED_ALGORITHMS;
        }
        return "is not an allowed algorithm; IR-9 and D-9 allow only " + ALLOWED_ALGORITHMS;
    }

    private static Optional<ServiceProviderTerms> serviceProvider(
            JsonObject json, String path, List<Problem> problems) {
        int before = problems.size();
        MemberReader r = new MemberReader(json, path, problems, SP_FIELDS);
        Optional<String> id = r.string("id", true, FieldRules::absoluteUri);
        Optional<String> clientId = r.string("clientId", true, FieldRules::clientId);
        boolean mutualTls = r.bool("mutualTls", false);
        Optional<CertificateBindingTerms> certificate =
                r.object("certificate", false).flatMap(o -> certificate(o, r.field("certificate"), problems));
        List<String> reverseProxyIps = r.strings("reverseProxyIps", false, FieldRules::ipLiteral);
        Optional<String> clockSync = r.string("clockSync", false, FieldRules::clockSync);
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new ServiceProviderTerms(
                id.orElseThrow(), clientId.orElseThrow(), mutualTls, certificate, reverseProxyIps, clockSync));
    }

    private static Optional<CertificateBindingTerms> certificate(JsonObject json, String path, List<Problem> problems) {
        int before = problems.size();
        MemberReader r = new MemberReader(json, path, problems, CERTIFICATE_FIELDS);
        Optional<String> subjectDn = r.string("subjectDn", false, FieldRules::distinguishedName);
        Optional<String> issuerDn = r.string("issuerDn", false, FieldRules::distinguishedName);
        Optional<String> sha256 = r.string("sha256", false, FieldRules::sha256);
        if (!r.given("subjectDn") && !r.given("sha256")) {
            r.problem(
                    path,
                    "must give a subjectDn or a sha256 fingerprint: an issuerDn alone does not identify"
                            + " the certificate (IR-13, IR-20); use null for no binding");
        } else if (r.given("subjectDn") && !r.given("issuerDn") && !r.given("sha256")) {
            r.problem(
                    path + ".issuerDn",
                    "a subjectDn binds only together with its issuerDn (the same subject"
                            + " may be issued by another CA of the truststore); give the issuerDn or a sha256 fingerprint");
        }
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new CertificateBindingTerms(subjectDn, issuerDn, sha256));
    }

    private static Optional<DataProviderTerms> dataProvider(JsonObject json, String path, List<Problem> problems) {
        int before = problems.size();
        MemberReader r = new MemberReader(json, path, problems, DP_FIELDS);
        Optional<String> serviceId = r.string("serviceId", true, FieldRules::absoluteUri);
        Optional<String> baseUrl = r.string("baseUrl", false, s -> FieldRules.httpsUrl(s, false));
        List<String> reverseProxyIps = r.strings("reverseProxyIps", false, FieldRules::ipLiteral);
        Optional<String> pem = r.string("certificateChainPem", false, ConventionDocumentReader::pemRule);
        OptionalInt skew = r.integer(
                "allowedClockSkewSeconds",
                DataProviderTerms.DEFAULT_ALLOWED_CLOCK_SKEW_SECONDS,
                0,
                MAX_SKEW,
                " seconds (IR-17, §3.5.2 step 10)");
        Optional<String> clockSync = r.string("clockSync", false, FieldRules::clockSync);
        // issue 17: the DP's introspection client certificate, bound like serviceProvider.certificate
        Optional<CertificateBindingTerms> introspection = r.object("introspectionCertificate", false)
                .flatMap(o -> certificate(o, r.field("introspectionCertificate"), problems));
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new DataProviderTerms(
                serviceId.orElseThrow(), baseUrl, reverseProxyIps, pem, skew.orElseThrow(), clockSync, introspection));
    }

    private static String pemRule(String pem) {
        try {
            PemCertificates.parse(pem);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not PEM text of X.509 certificates: it " + e.getMessage();
        }
    }
}
