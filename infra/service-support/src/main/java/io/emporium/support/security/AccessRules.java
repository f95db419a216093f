package io.emporium.support.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

/**
 * Who may call what, in order: the first rule whose method and pattern match a request decides. Health (status
 * only), the API documentation and error pages are open to anyone; what no rule names needs an admin. The same rules
 * drive Spring Security and say in the API documentation which role each operation needs.
 */
public record AccessRules(List<Rule> rules) {

    /** @param method null for any; @param roles any one of them will do; none: anyone */
    public record Rule(HttpMethod method, String pattern, List<String> roles) {

        boolean matches(String httpMethod, String path) {
            return (method == null || method.name().equals(httpMethod)) && PATHS.match(pattern, path);
        }
    }

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    static final List<String> ALWAYS_OPEN = List.of("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
            "/swagger-ui/**", "/swagger-ui.html", "/error");

    public static Builder builder() {
        return new Builder();
    }

    /** The roles that may call this operation (empty: anyone), as the rules decide; OpenAPI path templates work. */
    public List<String> rolesFor(String httpMethod, String path) {
        String concrete = path.replaceAll("\\{[^}/]+}", "x");
        if (ALWAYS_OPEN.stream().anyMatch(open -> PATHS.match(open, concrete))) return List.of();
        return rules.stream().filter(rule -> rule.matches(httpMethod, concrete)).findFirst().map(Rule::roles)
                .orElse(List.of(Roles.ADMIN));
    }

    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        public Builder anyone(HttpMethod method, String... patterns) {
            return add(method, patterns, List.of());
        }

        public Builder roles(HttpMethod method, List<String> roles, String... patterns) {
            return add(method, patterns, roles);
        }

        private Builder add(HttpMethod method, String[] patterns, List<String> roles) {
            for (String pattern : patterns) rules.add(new Rule(method, pattern, List.copyOf(roles)));
            return this;
        }

        public AccessRules build() {
            return new AccessRules(List.copyOf(rules));
        }
    }
}
