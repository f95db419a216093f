package io.emporium.e2e;

import java.time.Duration;

import io.emporium.testsupport.PaymentSimulatorProcess;

/** One payment simulator per end-to-end run, shared by its stacks as {@code infra/emporium up} shares one; ended with the JVM. */
final class StackPayments {

    private static PaymentSimulatorProcess simulator;

    private StackPayments() {
    }

    static synchronized PaymentSimulatorProcess simulator() throws Exception {
        if (simulator == null) simulator = PaymentSimulatorProcess.start(Duration.ofSeconds(4));
        return simulator;
    }
}
