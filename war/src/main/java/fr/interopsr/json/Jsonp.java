package fr.interopsr.json;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the application. {@code Jsonp.PROVIDER.createObjectBuilder()} and its siblings
 * look the provider up through the class loader on every call (a ServiceLoader scan of the
 * deployment's jars, 12 % of the token endpoint's CPU in a profile, issue 8); the provider is
 * thread-safe, so it is looked up once.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {}
}
