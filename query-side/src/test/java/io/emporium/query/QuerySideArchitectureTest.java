package io.emporium.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class QuerySideArchitectureTest {

    private final JavaClasses querySide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.emporium.query");

    @Test
    void querySideNeverImportsTheCommandSide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.emporium.command..").check(querySide);
    }

    @Test
    void documentBuildingKnowsNoWebPersistenceOrSearchTechnology() {
        noClasses().that().haveSimpleNameEndingWith("Documents")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..", "co.elastic..")
                .check(querySide);
    }
}
