package org.exchangenode.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * node-core is plain Java: the domain must stay usable without Camel, Quarkus, CDI or JAX-RS (DESIGN.md), and its
 * decisions are functions of their inputs, never of a database connection (JDBC stays in routes).
 */
class NodeCoreIsPlainJavaTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.exchangenode.core");

    @Test
    void shouldDependOnNoFrameworkWhenCompiled() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.camel..", "io.quarkus..", "jakarta.enterprise..", "jakarta.inject..",
                        "javax.inject..", "jakarta.ws.rs..", "javax.ws.rs..", "io.smallrye..", "java.sql..",
                        "javax.sql..")
                .check(CORE);
    }

    @Test
    void shouldHaveImportedTheCoreClassesWhenScanning() {
        // guards the rule above against passing vacuously on an empty import
        org.assertj.core.api.Assertions.assertThat(CORE.size()).isGreaterThan(20);
    }
}
