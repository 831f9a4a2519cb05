package fr.interopsr.token;

import fr.interopsr.convention.Convention;
import java.util.List;

/** What IR-5 resolved: the one convention, and the scopes the VI will carry. */
public record ScopeGrant(Convention convention, List<String> scopes) {}
