package io.emporium.support.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers (a request line or headers too long or malformed, refused before any servlet runs) as
 * RFC 9457 problems instead of Tomcat's HTML page. Answers that Spring wrote are left as they are.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /**
     * Makes this valve the host's only error report valve. Tomcat reports a request it could not even map with the
     * first ErrorReportValve of the host, so the plain one Spring Boot adds (its customizer runs before this one) goes.
     */
    public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> installer() {
        return factory -> factory.addContextCustomizers(context -> {
            if (!(context.getParent() instanceof StandardHost host)) return;
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) host.getPipeline().removeValve(valve);
            }
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            host.getPipeline().addValve(new ProblemErrorReportValve());
        });
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 400 ? "The request could not be read: its line or headers are malformed or too long."
                : "The server could not answer this request (" + title + ").";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer == null) return;
            writer.write("{\"type\":\"about:blank\",\"title\":" + ProblemAnswerWriter.quote(title) + ",\"status\":" + status
                    + ",\"detail\":" + ProblemAnswerWriter.quote(detail) + "}");
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // the connection is gone or the answer was committed meanwhile: nothing more to say
        }
    }
}
