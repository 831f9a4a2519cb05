package fr.interopsr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Set;

/**
 * The layers of docs/architecture.md, checked on the compiled main classes (issue 13): no cycle between top-level
 * packages; the shared ground ({@code json}, {@code platform}, {@code metrics}) uses no feature and not the
 * composition root, and {@code platform} uses {@code json} only; nothing uses the composition root {@code app}. A
 * new top-level package fails until it has its place here and in the picture. The classes checked are the WAR's
 * own ({@link WarClasses}): not those of the jars beside it on the test classpath (the development PKI, issue 14 §5).
 */
@AnalyzeClasses(locations = ArchitectureTest.WarClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The folder of the WAR's compiled main classes, {@code WEB-INF/classes} to be. */
    static final class WarClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(ToolingOutOfTheWarTest.mainClasses()));
        }
    }

    /** The features: each may use the shared ground and the features below it, never one that uses it back. */
    static final String[] FEATURES = {
        "fr.interopsr.access..",
        "fr.interopsr.admin..",
        "fr.interopsr.convention..",
        "fr.interopsr.pki..",
        "fr.interopsr.provider..",
        "fr.interopsr.token..",
        "fr.interopsr.trace..",
        "fr.interopsr.vi.."
    };

    /** Every top-level package in exactly one layer of the picture. */
    static LayeredArchitecture layers() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("app")
                .definedBy("fr.interopsr.app..")
                .layer("features")
                .definedBy(FEATURES)
                .layer("metrics")
                .definedBy("fr.interopsr.metrics..")
                .layer("platform")
                .definedBy("fr.interopsr.platform..")
                .layer("json")
                .definedBy("fr.interopsr.json..");
    }

    @ArchTest
    static final ArchRule noCycleBetweenTopLevelPackages =
            slices().matching("fr.interopsr.(*)..").namingSlices("$1").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedGroundUsesNoFeatureAndPlatformOnlyJson = layers().whereLayer("json")
            .mayNotAccessAnyLayer()
            .whereLayer("platform")
            .mayOnlyAccessLayers("json")
            .whereLayer("metrics")
            .mayOnlyAccessLayers("platform", "json")
            .whereLayer("features")
            .mayOnlyAccessLayers("metrics", "platform", "json")
            .because("the shared ground carries the features and must not stand on them (docs/architecture.md)");

    @ArchTest
    static final ArchRule nothingUsesTheCompositionRoot = noClasses()
            .that()
            .resideOutsideOfPackage("fr.interopsr.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("fr.interopsr.app..")
            .because("fr.interopsr.app wires the features together; what it wires cannot know it");
}
