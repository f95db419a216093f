package io.emporium.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic catalogue that reads like a shop: category paths, brands, names made of adjective, material and
 * noun, descriptions, attributes (colour, capacity, dishwasher-safe), groups of variants, prices with shop endings
 * (.99, .49, .00) and stock. The same seed gives the same catalogue.
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

    public static final List<String> BRANDS = List.of("Northwind", "Acme", "Fjord", "Lumo", "Kestrel", "Tamarind", "Oakhill",
            "Brightwater", "Pinecrest", "Solace", "Marlow", "Everyday");
    public static final List<String> COLOURS = List.of("red", "blue", "green", "black", "white", "grey", "yellow");
    /** The attributes the catalogue's products carry, as their declarations' bodies (POST /api/attributes). */
    public static final List<String> ATTRIBUTES = List.of(
            "{\"name\":\"colour\",\"label\":\"Colour\",\"type\":\"TEXT\",\"filterable\":true}",
            "{\"name\":\"capacity\",\"label\":\"Capacity\",\"type\":\"NUMBER\",\"unit\":\"l\",\"filterable\":true}",
            "{\"name\":\"dishwasher-safe\",\"label\":\"Dishwasher safe\",\"type\":\"BOOLEAN\",\"filterable\":true}");
    /** Things that hold something have a capacity; things for the table can go in the dishwasher or not. */
    private static final List<String> CONTAINERS = List.of("Mug", "Backpack", "Kettle", "Bottle", "Teapot", "Skillet");
    private static final List<String> TABLEWARE = List.of("Mug", "Teapot", "Skillet", "Bottle");

    private final Random random;
    private final long seed;

    /** Declares the catalogue's attributes at a command service (those declared already stay as they are). */
    public static void declareAttributes(Http merchant, String commandUrl) {
        for (String attribute : ATTRIBUTES) {
            Http.Answer answer = merchant.post(commandUrl + "/api/attributes", attribute);
            if (!answer.ok() && answer.status() != 409) throw new IllegalStateException("declaring " + attribute + " failed: " + answer.status() + " " + answer.body());
        }
    }

    public Catalogue(long seed) {
        this.random = new Random(seed);
        this.seed = seed;
    }

    /**
     * Product {@code number}. Half of the products are variants in groups of three ({@code g<seed>-<number / 3>}): the
     * same article (brand, name, material, category, description) in three colours, each with its own SKU, price and stock.
     */
    public Product product(int number) {
        boolean variant = (number / 3) % 2 == 1;
        Random article = variant ? new Random(seed * 1_000_003 + number / 3) : random;
        String adjective = pick(article, ADJECTIVES);
        String material = pick(article, MATERIALS);
        String noun = pick(article, NOUNS);
        String category = pick(article, CATEGORIES) + "/" + noun.toLowerCase() + (noun.endsWith("s") ? "" : "s");
        String name = adjective + " " + material + " " + noun + " N" + number;
        String description = "A " + adjective.toLowerCase() + " " + noun.toLowerCase() + " of " + material.toLowerCase()
                + " " + pick(article, USES) + ".";
        String brand = pick(article, BRANDS);
        String colour = variant ? COLOURS.get((number + (int) (seed % 7)) % 3) : pick(random, COLOURS);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("colour", colour);
        if (CONTAINERS.contains(noun)) attributes.put("capacity", new BigDecimal(pick(article, List.of("0.3", "0.5", "1", "1.5", "20", "45"))));
        if (TABLEWARE.contains(noun)) attributes.put("dishwasher-safe", article.nextBoolean());
        int stock = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(200);
        return new Product("SKU-" + number, name, description, category, price(), stock, brand, variant ? "g" + seed + "-" + number / 3 : null,
                attributes);
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

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** @param group the group of variants, or null; @param attributes values by name: text, a number or a flag */
    public record Product(String sku, String name, String description, String category, BigDecimal price, int stock,
                          String brand, String group, Map<String, Object> attributes) {

        public String json() {
            return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"description\":\"" + description + "\",\"category\":\""
                    + category + "\",\"price\":" + price.toPlainString() + ",\"initialStock\":" + stock + ",\"brand\":\"" + brand + "\""
                    + (group == null ? "" : ",\"group\":\"" + group + "\"") + ",\"attributes\":" + attributesJson() + "}";
        }

        private String attributesJson() {
            StringBuilder json = new StringBuilder("{");
            attributes.forEach((name, value) -> {
                if (json.length() > 1) json.append(',');
                json.append('"').append(name).append("\":");
                json.append(value instanceof String text ? "\"" + text + "\"" : value instanceof BigDecimal number ? number.toPlainString() : value);
            });
            return json.append('}').toString();
        }

        /** The word only this product's name has, to find it in search. */
        public String uniqueWord() {
            return name.substring(name.lastIndexOf(' ') + 1);
        }
    }
}
