package io.emporium.command.product;

import io.emporium.command.CommandRefusedException;

public class SkuAlreadyTakenException extends CommandRefusedException {

    public SkuAlreadyTakenException(String sku) {
        super("SKU '" + sku + "' belongs to another product");
    }
}
