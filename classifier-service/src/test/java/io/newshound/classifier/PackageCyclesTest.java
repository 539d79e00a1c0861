package io.newshound.classifier;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the service's packages free of cycles, so dependencies run one way and each package can be read without the
 * ones that depend on it.
 *
 * <p>
 * One cycle predates this test and is frozen, not allowed: {@code classification} uses
 * {@code taxonomy.TaxonomyException.Violation} while {@code taxonomy}'s resource and watcher drive
 * {@code classification.Classifier}. The frozen violations are listed under {@code src/test/resources/archunit_store}
 * (see {@code archunit.properties}); any new cycle fails, and once that one is gone its entries leave the store.
 */
@AnalyzeClasses(packages = "io.newshound.classifier", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    /** Between the service's top-level packages (a package and its subpackages count as one). */
    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = FreezingArchRule
            .freeze(slices().matching("io.newshound.classifier.(*)..").should().beFreeOfCycles());

    /** Between every package, subpackages included. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = FreezingArchRule
            .freeze(slices().matching("io.newshound.classifier.(**)").should().beFreeOfCycles());
}
