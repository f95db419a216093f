package io.emporium.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The identity service's capabilities depend on each other one way only, and it knows nothing of the other services. */
class IdentityArchitectureTest {

    private static final JavaClasses IDENTITY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.emporium.identity");

    @Test
    void capabilitiesDependOnEachOtherOneWayOnly() {
        slices().matching("io.emporium.identity.(*)..").should().beFreeOfCycles().allowEmptyShould(false).check(IDENTITY);
    }

    @Test
    void accountsKnowNothingOfTokensClientsOrTheWeb() {
        noClasses().that().resideInAPackage("io.emporium.identity.account..")
                .should().dependOnClassesThat().resideInAnyPackage("io.emporium.identity.token..", "io.emporium.identity.client..",
                        "io.emporium.identity.web..", "org.springframework.security.oauth2.server.authorization..")
                .allowEmptyShould(false).check(IDENTITY);
    }

    @Test
    void theIdentityServiceImportsNeitherOtherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.emporium.command..", "io.emporium.query..")
                .allowEmptyShould(false).check(IDENTITY);
    }
}
