package fr.interopsr.provider;

import fr.interopsr.provider.beneficiary.BeneficiaryResource;
import java.util.ArrayList;
import java.util.List;

/**
 * The scope tables of every resource under {@code /api/} (issue 18 §3), in one list: what the access decisions read
 * to know which scope a call would need. A resource added under {@code /api/} adds its table here;
 * {@code ScopeRoutesTest} fails for a method with {@code @RolesAllowed} that no row names, and for a row that names
 * no method.
 */
public final class ApiScopes {

    /** Every row, of every resource. */
    public static final List<ScopeRoute> ROUTES;

    /** The resource classes whose tables {@link #ROUTES} holds (for the test). */
    public static final List<Class<?>> RESOURCES = List.of(BeneficiaryResource.class);

    static {
        List<ScopeRoute> all = new ArrayList<>(BeneficiaryResource.SCOPE_ROUTES);
        ROUTES = List.copyOf(all);
    }

    private ApiScopes() {}
}
