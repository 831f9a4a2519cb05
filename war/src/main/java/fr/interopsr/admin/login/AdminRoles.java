package fr.interopsr.admin.login;

import java.util.Set;

/** The administration roles (D-19). */
public final class AdminRoles {

    /** Manages conventions. */
    public static final String ADMIN = "interops-admin";
    /** Reads, exports and verifies traces. */
    public static final String AUDITOR = "interops-auditor";

    public static final Set<String> ALL = Set.of(ADMIN, AUDITOR);

    private AdminRoles() {}
}
