package org.exchangenode.routes.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout of {@code routes} (issue 12): JDBC stays in the {@code jdbc} package, behind the store interfaces, so that
 * a message's write is data the wiring builds and any store (JDBC or in memory) applies; the packages are capabilities
 * (messages, cases, outbound, inbound, operations, audit, local system…), and none of them is a layer of persistence.
 */
class RoutesLayoutTest {
    private static final JavaClasses ROUTES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.exchangenode.routes");

    @Test
    void shouldKeepSqlInTheJdbcPackageWhenCompiled() {
        noClasses().that().resideOutsideOfPackage("org.exchangenode.routes.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(ROUTES);
    }

    @Test
    void shouldHaveNoLayerPackagesWhenCompiled() {
        noClasses().should().resideInAnyPackage("org.exchangenode.routes.persistence..",
                "org.exchangenode.routes.metrics..").check(ROUTES);
    }

    @Test
    void shouldHaveImportedTheRoutesClassesWhenScanning() {
        // guards the rules above against passing vacuously on an empty import
        assertThat(ROUTES.size()).isGreaterThan(100);
        assertThat(ROUTES.stream().filter(c -> c.getPackageName().endsWith(".jdbc"))).hasSizeGreaterThan(10);
    }
}
