package io.emporium.support.logging;

import java.io.IOException;

import io.emporium.support.security.Callers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/** Names the customer a request acts for (the verified token's customer id) in the log lines of its handling. */
final class CustomerLogContextFilter extends OncePerRequestFilter {

    private final Callers callers;

    CustomerLogContextFilter(Callers callers) {
        this.callers = callers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String customer = callers.current().customerId();
        if (customer == null) {
            chain.doFilter(request, response);
            return;
        }
        MDC.put(LogContext.CUSTOMER_ID, customer);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(LogContext.CUSTOMER_ID);
        }
    }
}
