package io.emporium.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;

/**
 * A deterministic catalogue that reads like a shop: categories, names made of adjective, material and noun,
 * descriptions, prices with shop endings (.99, .49, .00) and stock. The same seed gives the same catalogue.
 */
public final class Catalogue {

    public static final List<String> CATEGORIES = List.of("kitchen", "outdoor", "apparel", "electronics", "books", "toys",
            "garden", "sports", "beauty", "office");
    private static final List<String> ADJECTIVES = List.of("Classic", "Compact", "Rugged", "Lightweight", "Premium", "Vintage",
            "Modern", "Handmade", "Waterproof", "Ergonomic", "Organic", "Foldable", "Wireless", "Insulated", "Minimal");
    private static final List<String> MATERIALS = List.of("Stoneware", "Oak", "Steel", "Linen", "Wool", "Cotton", "Bamboo",
            "Leather", "Ceramic", "Copper", "Canvas", "Walnut", "Glass", "Titanium", "Cork");
    private static final List<String> NOUNS = List.of("Mug", "Jacket", "Lamp", "Backpack", "Kettle", "Notebook", "Skillet",
            "Headphones", "Blanket", "Planter", "Teapot", "Bottle", "Chair", "Watch", "Speaker", "Candle", "Scarf", "Tent",
            "Grinder", "Desk");
    private static final List<String> USES = List.of("for everyday use", "built to last for years", "for cold mornings",
            "for the weekend trip", "that fits in any bag", "with a five-year warranty", "made in small batches",
            "for the home office", "that keeps its shape", "gentle on the planet");

    private final Random random;

    public Catalogue(long seed) {
        this.random = new Random(seed);
    }

    public Product product(int number) {
        String adjective = pick(ADJECTIVES);
        String material = pick(MATERIALS);
        String noun = pick(NOUNS);
        String name = adjective + " " + material + " " + noun + " N" + number;
        String description = "A " + adjective.toLowerCase() + " " + noun.toLowerCase() + " of " + material.toLowerCase()
                + " " + pick(USES) + ".";
        int stock = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(200);
        return new Product("SKU-" + number, name, description, pick(CATEGORIES), price(), stock);
    }

    /** Mostly under 100, some expensive: log-normal-ish, with shop endings. */
    public BigDecimal price() {
        double base = Math.exp(1.5 + random.nextGaussian() * 1.1) * 3;
        long whole = Math.max(1, Math.min(4_999, Math.round(base)));
        String ending = switch (random.nextInt(3)) {
            case 0 -> ".99";
            case 1 -> ".49";
            default -> ".00";
        };
        return new BigDecimal(whole + ending).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A made-up word of random letters. */
    public String word(int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) word.append((char) ('a' + random.nextInt(26)));
        return word.toString();
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    public record Product(String sku, String name, String description, String category, BigDecimal price, int stock) {

        public String json() {
            return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"description\":\"" + description + "\",\"category\":\""
                    + category + "\",\"price\":" + price.toPlainString() + ",\"initialStock\":" + stock + "}";
        }

        /** The word only this product's name has, to find it in search. */
        public String uniqueWord() {
            return name.substring(name.lastIndexOf(' ') + 1);
        }
    }
}
