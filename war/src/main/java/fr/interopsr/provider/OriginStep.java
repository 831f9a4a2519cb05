package fr.interopsr.provider;

import fr.interopsr.platform.IpAddresses;
import java.util.List;

/**
 * {@link ValidationStep#ORIGIN}, D-2, right after step 7: when the convention lists the service provider's source
 * addresses ({@code serviceProvider.reverseProxyIps}), the call comes from one of them, compared as addresses, not as
 * text. An empty list allows any origin.
 */
final class OriginStep extends Step {

    OriginStep() {
        super(ValidationStep.ORIGIN);
    }

    @Override
    Verdict check(ValidationContext context) {
        // D-2
        List<String> sources = context.document().serviceProvider().reverseProxyIps();
        String clientAddress = context.request.clientAddress();
        if (!sources.isEmpty() && !IpAddresses.contains(sources, clientAddress)) {
            return fail("client address " + Shown.text(clientAddress)
                    + " is not one of serviceProvider.reverseProxyIps " + sources + " (D-2)");
        }
        return Verdict.PASS;
    }
}
