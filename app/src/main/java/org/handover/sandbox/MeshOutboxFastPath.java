package org.handover.sandbox;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Answers MESH sends ({@code POST /messageexchange/{mailbox}/outbox}), the simulator's one busy call, ahead of Spring
 * MVC's dispatch: under load, the request mapping, argument resolution and message conversion around a send cost more
 * than the simulated MESH itself. The send is still {@link MeshController#send}, with its token check, validation,
 * faults and errors; every other MESH call, and any path this filter does not recognise, goes on to Spring MVC.
 */
final class MeshOutboxFastPath implements Filter {

    private static final Pattern OUTBOX = Pattern.compile("/messageexchange/([A-Za-z0-9_.-]+)/outbox");

    private final MeshController controller;
    private final ObjectMapper json;

    MeshOutboxFastPath(MeshController controller, ObjectMapper json) {
        this.controller = controller;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        Matcher outbox = "POST".equals(request.getMethod())
                ? OUTBOX.matcher(request.getRequestURI().substring(request.getContextPath().length())) : null;
        if (outbox == null || !outbox.matches()) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        try {
            answer(response, controller.send(outbox.group(1), request.getHeader(HttpHeaders.AUTHORIZATION), request));
        } catch (MeshException refused) {
            answer(response, controller.meshError(refused));
        }
    }

    private void answer(HttpServletResponse response, ResponseEntity<?> answer) throws IOException {
        byte[] body = json.writeValueAsBytes(answer.getBody());
        response.setStatus(answer.getStatusCode().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
