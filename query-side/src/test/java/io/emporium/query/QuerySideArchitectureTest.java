package io.emporium.query;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The query side's architecture rules. Each rule fails when it selects no class at all, and the last test names the
 * classes each selecting rule exists for, so that a rename cannot silence a rule.
 */
class QuerySideArchitectureTest {

    private static final JavaClasses QUERY_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.emporium.query");

    /** Documents, their builders, and the field versions and text they are made of. */
    private static final DescribedPredicate<JavaClass> DOCUMENT_BUILDING = describe("documents and their builders",
            type -> type.getSimpleName().endsWith("Document") || type.getSimpleName().endsWith("DocumentBuilder")
                    || Set.of("FieldVersions", "IndexableText").contains(type.getSimpleName()));

    private static final ArchRule NEVER_IMPORTS_THE_COMMAND_SIDE = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.emporium.command..").allowEmptyShould(false);

    private static final ArchRule DOCUMENT_BUILDING_KNOWS_NO_TECHNOLOGY = noClasses().that(DOCUMENT_BUILDING)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "co.elastic..", "org.elasticsearch..", "io.lettuce..", "java.sql..")
            .allowEmptyShould(false);

    private static final ArchRule CAPABILITIES_DEPEND_ON_EACH_OTHER_ONE_WAY = slices().matching("io.emporium.query.(*)..")
            .should().beFreeOfCycles().allowEmptyShould(false);

    private static final ArchRule PROJECTIONS_KNOW_NO_ELASTICSEARCH = noClasses().that().resideInAPackage("io.emporium.query.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("io.emporium.query.elasticsearch..", "co.elastic..")
            .allowEmptyShould(false);

    /** Reads learn which index is live from {@code LiveIndices}, not from the processors' supervisor. */
    private static final ArchRule READS_KNOW_NO_SUPERVISOR = noClasses().that().resideInAnyPackage(
                    "io.emporium.query.product..", "io.emporium.query.order..", "io.emporium.query.cache..")
            .should().dependOnClassesThat().haveSimpleName("ProjectionSupervisor").allowEmptyShould(false);

    /** The cache and the waiting reads learn of written batches by subscribing; the writer calls neither. */
    private static final ArchRule THE_WRITER_CALLS_NO_SUBSCRIBER = noClasses().that().haveSimpleName("BulkIndexer")
            .should().dependOnClassesThat().haveSimpleName("DocumentCache")
            .orShould().dependOnClassesThat().haveSimpleName("VersionedReads").allowEmptyShould(false);

    @Test
    void projectionsOwnTheirContractsAndElasticsearchImplementsThem() {
        PROJECTIONS_KNOW_NO_ELASTICSEARCH.check(QUERY_SIDE);
        READS_KNOW_NO_SUPERVISOR.check(QUERY_SIDE);
        THE_WRITER_CALLS_NO_SUBSCRIBER.check(QUERY_SIDE);
    }

    @Test
    void querySideNeverImportsTheCommandSide() {
        NEVER_IMPORTS_THE_COMMAND_SIDE.check(QUERY_SIDE);
    }

    @Test
    void documentBuildingKnowsNoWebPersistenceOrSearchTechnology() {
        DOCUMENT_BUILDING_KNOWS_NO_TECHNOLOGY.check(QUERY_SIDE);
    }

    /** E.g. the projection package owns the contracts it needs of Elasticsearch, which implements them. */
    @Test
    void capabilitiesDependOnEachOtherOneWayOnly() {
        CAPABILITIES_DEPEND_ON_EACH_OTHER_ONE_WAY.check(QUERY_SIDE);
    }

    @Test
    void everyRuleSelectsTheClassesItIsAbout() {
        assertThat(QUERY_SIDE.that(DOCUMENT_BUILDING)).extracting(JavaClass::getSimpleName)
                .contains("ProductDocumentBuilder", "OrderDocumentBuilder", "ProductDocument", "OrderDocument", "FieldVersions");
        assertThat(QUERY_SIDE.stream().map(JavaClass::getPackageName).distinct())
                .as("the capabilities the cycle rule compares")
                .contains("io.emporium.query.projection", "io.emporium.query.elasticsearch", "io.emporium.query.cache",
                        "io.emporium.query.product", "io.emporium.query.order", "io.emporium.query.reconciliation");
    }
}
