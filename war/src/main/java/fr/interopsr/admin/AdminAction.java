package fr.interopsr.admin;

/** What an administration trace says was done (the trace's {@code step}, D-17). */
public final class AdminAction {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String STATUS = "status";
    public static final String RETIRED = "retired";
    public static final String SECRET_ROTATED = "secret-rotated";
    public static final String CERTIFICATE_UPLOADED = "certificate-uploaded";
    public static final String IMPORTED = "imported";
    /** Issue 17: a VI, a client's VIs or a convention's VIs revoked. */
    public static final String REVOKED = "revoked";

    private AdminAction() {}
}
