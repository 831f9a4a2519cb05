package fr.interopsr.trace;

import fr.interopsr.platform.Correlation;
import java.time.Instant;

/**
 * One trace before it is stored: every field IR-18 and IR-19 name, null where it does not apply.
 * Built with {@link Builder} as the request goes, so a refusal at any step still has what was known.
 */
public record TraceEntry(
        TraceKind kind,
        Instant occurredAt,
        TraceStatus status,
        String errorCode,
        String detail,
        String jti,
        String issuer,
        String audience,
        String serviceId,
        String subject,
        String scopes,
        String clientId,
        String conventionId,
        Integer conventionRevision,
        String remoteAddress,
        String authMethod,
        String certificateSha256,
        String vi,
        String step,
        String httpMethod,
        String targetUrl,
        Integer httpStatus,
        String resourceId,
        String actor,
        Integer revisionBefore,
        String correlationId,
        String traceparent,
        String correlationNote) {

    /**
     * A builder for a trace of the call this thread serves: the trace carries that call's correlation (issue 17
     * §4), if any, unless {@link Builder#correlation} says otherwise.
     */
    public static Builder builder(TraceKind kind, Instant occurredAt) {
        return new Builder(kind, occurredAt);
    }

    /** Mutable, one per request. */
    public static final class Builder {
        private final TraceKind kind;
        private final Instant occurredAt;
        private TraceStatus status = TraceStatus.FAILURE;
        private String errorCode;
        private String detail;
        private String jti;
        private String issuer;
        private String audience;
        private String serviceId;
        private String subject;
        private String scopes;
        private String clientId;
        private String conventionId;
        private Integer conventionRevision;
        private String remoteAddress;
        private String authMethod;
        private String certificateSha256;
        private String vi;
        private String step;
        private String httpMethod;
        private String targetUrl;
        private Integer httpStatus;
        private String resourceId;
        private String actor;
        private Integer revisionBefore;
        private Correlation correlation;

        private Builder(TraceKind kind, Instant occurredAt) {
            this.kind = kind;
            this.occurredAt = occurredAt;
            this.correlation = Correlation.current();
        }

        /** The call's correlation id, {@code traceparent} and what was replaced or dropped (issue 17 §4); null: none. */
        public Builder correlation(Correlation c) {
            this.correlation = c;
            return this;
        }

        public Builder success() {
            this.status = TraceStatus.SUCCESS;
            this.errorCode = null;
            return this;
        }

        public Builder failure(String code, String why) {
            this.status = TraceStatus.FAILURE;
            this.errorCode = code;
            this.detail = why;
            return this;
        }

        public Builder detail(String v) {
            this.detail = v;
            return this;
        }

        public Builder jti(String v) {
            this.jti = v;
            return this;
        }

        public Builder issuer(String v) {
            this.issuer = v;
            return this;
        }

        public Builder audience(String v) {
            this.audience = v;
            return this;
        }

        public Builder serviceId(String v) {
            this.serviceId = v;
            return this;
        }

        public Builder subject(String v) {
            this.subject = v;
            return this;
        }

        public Builder scopes(String v) {
            this.scopes = v;
            return this;
        }

        public Builder clientId(String v) {
            this.clientId = v;
            return this;
        }

        public Builder convention(String id, Integer revision) {
            this.conventionId = id;
            this.conventionRevision = revision;
            return this;
        }

        public Builder remoteAddress(String v) {
            this.remoteAddress = v;
            return this;
        }

        public Builder authMethod(String v) {
            this.authMethod = v;
            return this;
        }

        public Builder certificateSha256(String v) {
            this.certificateSha256 = v;
            return this;
        }

        public Builder vi(String v) {
            this.vi = v;
            return this;
        }
        /** The validation step that failed (IR-19 "status with failure detail"). */
        public Builder step(String v) {
            this.step = v;
            return this;
        }
        /** The transaction's action (IR-19 b): verb, target URL, HTTP status, resource id. */
        public Builder action(String method, String url, Integer status, String resource) {
            this.httpMethod = method;
            this.targetUrl = url;
            this.httpStatus = status;
            this.resourceId = resource;
            return this;
        }

        /** An admin action (D-17): who made it, and the revision before it (the after is {@link #convention}). */
        public Builder adminAction(String who, Integer before) {
            this.actor = who;
            this.revisionBefore = before;
            return this;
        }

        public TraceEntry build() {
            return new TraceEntry(
                    kind,
                    occurredAt,
                    status,
                    errorCode,
                    detail,
                    jti,
                    issuer,
                    audience,
                    serviceId,
                    subject,
                    scopes,
                    clientId,
                    conventionId,
                    conventionRevision,
                    remoteAddress,
                    authMethod,
                    certificateSha256,
                    vi,
                    step,
                    httpMethod,
                    targetUrl,
                    httpStatus,
                    resourceId,
                    actor,
                    revisionBefore,
                    correlation == null ? null : correlation.correlationId(),
                    correlation == null ? null : correlation.traceparent(),
                    correlation == null ? null : correlation.note());
        }
    }
}
