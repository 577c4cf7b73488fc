package org.handover.sandbox;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The sandbox page at {@code /sandbox}: static HTML, CSS and vanilla JavaScript from {@code templates/sandbox/}
 * (its assets under {@code /sandbox/assets/}), served only while the simulators run, so production has no such page.
 */
@SandboxOnly
@Controller
class SandboxPage implements WebMvcConfigurer {

    private static final String LOCATION = "classpath:/templates/sandbox/";

    private final Resource page = new ClassPathResource("templates/sandbox/index.html");

    @GetMapping({"/sandbox", "/sandbox/"})
    ResponseEntity<Resource> index() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .body(page);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/sandbox/assets/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache());
    }
}
