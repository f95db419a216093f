package io.emporium.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SharedApiArchitectureTest {

    @Test
    void messagesDependOnNothingButTheJdkAndAxonModelling() {
        classes().that().resideInAPackage("io.emporium.api..").and().resideOutsideOfPackage("io.emporium.api.upcasting..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.emporium.api..",
                        "org.axonframework.modelling.command..", "org.axonframework.serialization")
                .check(sharedApi());
    }

    @Test
    void upcastersWorkOnSerializedEventsOnly() {
        classes().that().resideInAPackage("io.emporium.api.upcasting..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.emporium.api..",
                        "org.axonframework.serialization..", "org.axonframework.eventhandling..", "com.fasterxml.jackson..")
                .check(sharedApi());
    }

    private static com.tngtech.archunit.core.domain.JavaClasses sharedApi() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.emporium.api");
    }
}
