package io.emporium.support.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** RFC 9457 answers written straight to the response, for filters that answer before Spring MVC runs. */
public final class ProblemAnswerWriter {

    private ProblemAnswerWriter() {
    }

    public static void write(HttpServletResponse response, HttpServletRequest request, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":" + quote(status.getReasonPhrase())
                + ",\"status\":" + status.value() + ",\"detail\":" + quote(detail)
                + ",\"instance\":" + quote(request.getRequestURI()) + "}");
    }

    public static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
                    else json.append(c);
                }
            }
        }
        return json.append('"').toString();
    }
}
