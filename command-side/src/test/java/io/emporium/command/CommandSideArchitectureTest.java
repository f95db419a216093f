package io.emporium.command;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import org.junit.jupiter.api.Test;

/**
 * The command side's architecture rules. Each rule fails when it selects no class at all, and the last test names the
 * classes each selecting rule exists for, so that a rename or a lost annotation cannot silence a rule.
 */
class CommandSideArchitectureTest {

    private static final JavaClasses COMMAND_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.emporium.command");

    private static final DescribedPredicate<JavaClass> DOMAIN = describe("aggregates and sagas",
            type -> type.isAnnotatedWith(Aggregate.class) || type.isAnnotatedWith(Saga.class));

    private static final ArchRule NEVER_IMPORTS_THE_QUERY_SIDE = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.emporium.query..").allowEmptyShould(false);

    private static final ArchRule DOMAIN_KNOWS_NO_TECHNOLOGY = noClasses().that(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.data..",
                    "jakarta.persistence..", "org.springframework.jdbc..", "co.elastic..")
            .allowEmptyShould(false);

    private static final ArchRule CAPABILITIES_DEPEND_ON_EACH_OTHER_ONE_WAY = slices().matching("io.emporium.command.(*)..")
            .should().beFreeOfCycles().allowEmptyShould(false);

    @Test
    void commandSideNeverImportsTheQuerySide() {
        NEVER_IMPORTS_THE_QUERY_SIDE.check(COMMAND_SIDE);
    }

    @Test
    void aggregatesAndSagasKnowNoWebPersistenceOrSearchTechnology() {
        DOMAIN_KNOWS_NO_TECHNOLOGY.check(COMMAND_SIDE);
    }

    @Test
    void capabilitiesDependOnEachOtherOneWayOnly() {
        CAPABILITIES_DEPEND_ON_EACH_OTHER_ONE_WAY.check(COMMAND_SIDE);
    }

    @Test
    void everyRuleSelectsTheClassesItIsAbout() {
        assertThat(COMMAND_SIDE.that(DOMAIN)).extracting(JavaClass::getSimpleName)
                .contains("Product", "Order", "OrderFulfilmentSaga");
        assertThat(COMMAND_SIDE.stream().map(JavaClass::getPackageName).distinct())
                .as("the capabilities the cycle rule compares")
                .contains("io.emporium.command.product", "io.emporium.command.order", "io.emporium.command.web");
    }
}
