package io.newshound.ingest;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the service's packages free of cycles, so dependencies run one way and each package can be read without the
 * ones that depend on it.
 */
@AnalyzeClasses(packages = "io.newshound.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    /** Between the service's top-level packages (a package and its subpackages count as one). */
    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = slices().matching("io.newshound.ingest.(*)..")
            .should().beFreeOfCycles();

    /** Between every package, subpackages included: within a top-level package, too, dependencies run one way. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.newshound.ingest.(**)").should()
            .beFreeOfCycles();
}
