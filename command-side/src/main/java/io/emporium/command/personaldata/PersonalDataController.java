package io.emporium.command.personaldata;

import io.emporium.support.security.Caller;
import io.emporium.support.security.Callers;
import io.emporium.support.security.Roles;
import io.emporium.support.web.ForbiddenException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Erasure of a customer's personal data: their orders, totals and statuses stay; their addresses become unreadable. */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "customers")
@Validated
class PersonalDataController {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataController.class);

    private final PersonalData personalData;
    private final Callers callers;

    PersonalDataController(PersonalData personalData, Callers callers) {
        this.personalData = personalData;
        this.callers = callers;
    }

    @DeleteMapping("/{customerId}/personal-data")
    @Operation(operationId = "erasePersonalData", summary = "Erase a customer's personal data",
            description = "Deletes the customer's key: every shipping address they gave, stored only sealed with it (in the event store"
                    + " and wherever events were copied), is unreadable from now on. Orders, totals and statuses stay. A customer"
                    + " erases their own data; an admin any customer's (the identity service does so when an account is deleted)."
                    + " Erasing twice is harmless.")
    @ApiResponse(responseCode = "204", description = "Erased (or there was nothing to erase).")
    @ApiResponse(responseCode = "403", description = "Another customer's data, and the caller is no admin.")
    ResponseEntity<Void> erase(@PathVariable @Size(min = 1, max = 255) @Pattern(regexp = "^[A-Za-z0-9@._:|-]+$") String customerId) {
        Caller caller = callers.current();
        if (!caller.has(Roles.ADMIN) && !customerId.equals(caller.customerId())) {
            throw new ForbiddenException("A customer erases their own personal data only.");
        }
        if (personalData.erase(customerId)) log.info("The personal data of a customer was erased (their key deleted)");
        return ResponseEntity.noContent().build();
    }
}
