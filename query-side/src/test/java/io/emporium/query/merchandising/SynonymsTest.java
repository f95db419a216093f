package io.emporium.query.merchandising;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.emporium.api.catalogue.SynonymKind;
import io.emporium.query.text.EnglishStems;
import org.junit.jupiter.api.Test;

class SynonymsTest {

    private static final Synonyms RULES = Synonyms.of(List.of(
            rule(SynonymKind.TWO_WAY, "sofa", "couch"),
            rule(SynonymKind.ONE_WAY, "tee", "t-shirt", "tshirt")));

    @Test
    void aTwoWayRuleExpandsEachTermIntoTheOthersAndPluralsToo() {
        assertThat(RULES.variants(EnglishStems.of("red sofas"))).containsExactly("red couch");
        assertThat(RULES.variants(EnglishStems.of("couch"))).containsExactly("sofa");
    }

    @Test
    void aOneWayRuleExpandsOnlyItsFirstTermAndAPhraseReplacesItsWords() {
        assertThat(RULES.variants(EnglishStems.of("tees for kids"))).containsExactly("t shirt kid", "tshirt kid");
        assertThat(RULES.variants(EnglishStems.of("t-shirt"))).isEmpty();
    }

    @Test
    void theWordsOfAQueryAreReplacedTooSoThatATypoNextToATermIsStillForgiven() {
        assertThat(RULES.variantsOf("Red sofas")).containsExactly(new Synonyms.Variant("red couch", "Red couch"));
        assertThat(RULES.variantsOf("wool tees for kids")).extracting(Synonyms.Variant::words)
                .containsExactly("wool t-shirt for kids", "wool tshirt for kids");
    }

    @Test
    void aQueryWithoutATermOfARuleHasNoVariants() {
        assertThat(RULES.variants(EnglishStems.of("wool blanket"))).isEmpty();
        assertThat(Synonyms.NONE.variants("sofa")).isEmpty();
    }

    private static SynonymRuleView rule(SynonymKind kind, String... terms) {
        return new SynonymRuleView("r-" + terms[0], kind, List.of(terms), Instant.EPOCH, Instant.EPOCH, 0);
    }
}
