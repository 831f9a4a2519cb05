package fr.interopsr.provider;

import java.util.Set;

/**
 * {@link ValidationStep#TARGET_SERVICE}, Interops-R §3.5.2 step 8: the VI's {@code azp} is one of the services this
 * data provider serves ({@code interops.provider.service-ids}).
 */
final class TargetServiceStep extends Step {

    private final Set<String> serviceIds;

    /** @param serviceIds the {@code dataProvider.serviceId}s this data provider serves */
    TargetServiceStep(Set<String> serviceIds) {
        super(ValidationStep.TARGET_SERVICE);
        this.serviceIds = Set.copyOf(serviceIds);
    }

    @Override
    Verdict check(ValidationContext context) {
        String azp = context.facts.azp();
        // step 8
        if (!serviceIds.contains(azp)) {
            return fail("azp " + Shown.text(azp) + " is not a service of this data provider " + serviceIds);
        }
        return Verdict.PASS;
    }
}
