package org.handover.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;

/**
 * Marks a simulator bean: it exists only in the {@code sandbox} profile and only while
 * {@code handover.sandbox.enabled=true} (the sandbox default). Production never has simulators.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Profile("sandbox")
@ConditionalOnProperty(prefix = "handover.sandbox", name = "enabled", havingValue = "true")
@interface SandboxOnly {
}
