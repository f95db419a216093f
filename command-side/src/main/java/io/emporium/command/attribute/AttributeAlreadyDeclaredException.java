package io.emporium.command.attribute;

import io.emporium.command.CommandRefusedException;

public class AttributeAlreadyDeclaredException extends CommandRefusedException {

    public AttributeAlreadyDeclaredException(String name) {
        super("The attribute '" + name + "' is declared already; change its label or whether it is a filter instead");
    }
}
