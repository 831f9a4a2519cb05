package fr.interopsr.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application; the WAR's context root is {@code /interops} (CONTRACT.md). */
@ApplicationPath("/")
public class InteropsApplication extends Application {}
