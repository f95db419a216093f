package io.emporium.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CommandSideArchitectureTest {

    private final JavaClasses commandSide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.emporium.command");

    @Test
    void commandSideNeverImportsTheQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.emporium.query..").check(commandSide);
    }

    @Test
    void aggregatesAndSagasKnowNoWebPersistenceOrSearchTechnology() {
        noClasses().that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .or().areAnnotatedWith(org.axonframework.spring.stereotype.Saga.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.data..",
                        "jakarta.persistence..", "org.springframework.jdbc..", "co.elastic..")
                .check(commandSide);
    }

    @Test
    void capabilitiesDependOnEachOtherOneWayOnly() {
        slices().matching("io.emporium.command.(*)..").should().beFreeOfCycles().check(commandSide);
    }
}
