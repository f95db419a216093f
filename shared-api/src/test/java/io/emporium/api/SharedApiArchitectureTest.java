package io.emporium.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SharedApiArchitectureTest {

    @Test
    void sharedApiDependsOnNothingButTheJdkAxonModellingAndValidation() {
        classes().that().resideInAPackage("io.emporium.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.emporium.api..",
                        "org.axonframework.modelling.command..", "org.axonframework.serialization..", "jakarta.validation..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.emporium.api"));
    }
}
