package io.emporium.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndexableTextTest {

    @Test
    void dropsTheControlCharactersThatElasticsearchRefusesInACompletionField() {
        assertThat(IndexableText.line("Mu\u001fg")).isEqualTo("Mug");
        assertThat(IndexableText.line("a\u0000b\u001ec\u007f")).isEqualTo("abc");
    }

    @Test
    void keepsLineBreaksAndTabsOnlyInParagraphs() {
        assertThat(IndexableText.paragraph("one\ntwo\tthree\u0007")).isEqualTo("one\ntwo\tthree");
        assertThat(IndexableText.line("one\ntwo")).isEqualTo("onetwo");
    }

    @Test
    void keepsPairedSurrogatesAndDropsUnpairedOnes() {
        assertThat(IndexableText.line("cup \u2615 \uD83C\uDF75")).isEqualTo("cup \u2615 \uD83C\uDF75");
        assertThat(IndexableText.line("broken \uD83C end")).isEqualTo("broken  end");
    }

    @Test
    void leavesCleanTextAndNullAsTheyAre() {
        String clean = "Stoneware Coffee Mug";
        assertThat(IndexableText.line(clean)).isSameAs(clean);
        assertThat(IndexableText.line(null)).isNull();
    }
}
