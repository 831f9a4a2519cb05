package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginStepTest {

    private final OriginStep step = new OriginStep();

    private static ValidationContext from(ConventionSpec spec, String address) {
        Convention c = spec.convention();
        return found(ConventionIndex.of(List.of(c), 1), c, spec.vi(), Fixtures.request("unused", address, null));
    }

    @Test
    void aListedAddressPassesComparedAsAnAddress() {
        ConventionSpec spec = new ConventionSpec("conv-o", "https://idp-o.test.example/");
        spec.sourceIps = List.of("192.0.2.10", "2001:db8::1");
        passes(step, from(spec, "192.0.2.10"));
        passes(step, from(spec, "2001:0db8:0:0:0:0:0:0001"));
    }

    @Test
    void withNoAddressesAnyOriginPasses() {
        ConventionSpec spec = new ConventionSpec("conv-any", "https://idp-any.test.example/");
        passes(step, from(spec, "198.51.100.7"));
        passes(step, from(spec, null));
    }

    @Test
    void anotherUnknownOrMalformedAddressIsRefused() {
        ConventionSpec spec = new ConventionSpec("conv-o", "https://idp-o.test.example/");
        spec.sourceIps = List.of("192.0.2.10", "2001:db8::1");
        fails(
                step,
                from(spec, "198.51.100.7"),
                "client address \"198.51.100.7\" is not one of serviceProvider.reverseProxyIps [192.0.2.10, 2001:db8::1]"
                        + " (D-2)");
        fails(step, from(spec, null), "client address null");
        fails(step, from(spec, "not an address"), "client address \"not an address\"");
    }
}
