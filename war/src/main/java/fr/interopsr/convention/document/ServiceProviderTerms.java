package fr.interopsr.convention.document;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The service provider's part of a convention (IR-20 "SP"): its id (the VI's {@code aud}, IR-10),
 * its OAuth client id (the unit of client authentication, D-6), mutual TLS, how its certificate
 * is recognised (IR-13, IR-20), its reverse proxies and clock source (IR-17).
 *
 * @param id              absolute URI, the VI's {@code aud}
 * @param clientId        {@code [A-Za-z0-9._:-]{1,128}}
 * @param mutualTls       whether the SP calls over mutual TLS
 * @param certificate     how its certificate is bound, if given
 * @param reverseProxyIps IPv4/IPv6 literals of its reverse proxies
 * @param clockSync       clock source of the SP (IR-17)
 */
public record ServiceProviderTerms(
        String id,
        String clientId,
        boolean mutualTls,
        Optional<CertificateBindingTerms> certificate,
        List<String> reverseProxyIps,
        Optional<String> clockSync) {

    public ServiceProviderTerms {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(certificate, "certificate");
        reverseProxyIps = List.copyOf(reverseProxyIps);
        Objects.requireNonNull(clockSync, "clockSync");
    }

    /** The CONTRACT.md JSON of this part. */
    public JsonObject toJson() {
        return JsonOut.object()
                .add("id", id)
                .add("clientId", clientId)
                .add("mutualTls", mutualTls)
                .add("certificate", certificate.map(c -> (JsonValue) c.toJson()).orElse(JsonValue.NULL))
                .add("reverseProxyIps", JsonOut.strings(reverseProxyIps))
                .add("clockSync", JsonOut.stringOrNull(clockSync))
                .build();
    }
}
