package fr.interopsr.vi;

import fr.interopsr.convention.document.SignatureAlgorithm;
import java.time.Instant;

/** A VI just signed: the compact JWS and what the answer, the trace and the metrics need of it. */
public record IssuedVector(
        String compact,
        String jti,
        String kid,
        Instant issuedAt,
        Instant expiresAt,
        long lifetimeSeconds,
        SignatureAlgorithm algorithm) {}
