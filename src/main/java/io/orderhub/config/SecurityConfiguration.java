package io.orderhub.config;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Two doors, two roles. {@code /api/**} is for systems (HTTP basic, role API, no session). The Hawtio console
 * and its Jolokia are for operations (form or basic login, role OPS, CSRF cookie that Hawtio sends back as
 * X-XSRF-TOKEN), because Hawtio's own login is off (broken in 5.2.0). Health and Prometheus stay open for probes.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("API"))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Webhooks carry their own authentication, the channel's signature over the body, checked by the controller. */
    @Bean
    @Order(0)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        return http.securityMatcher("/webhooks/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * Jolokia answers programs with 401 (basic); the Hawtio page in a browser reaches it with the session of the
     * console login, and sends the CSRF token back on every write.
     */
    @Bean
    @Order(2)
    SecurityFilterChain jolokia(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.to("jolokia"))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("OPS"))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.csrfTokenRepository(consoleCsrfTokens()).csrfTokenRequestHandler(consoleCsrfHandler()))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll()
                        .requestMatchers(EndpointRequest.to("hawtio")).hasRole("OPS")
                        .requestMatchers("/login", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.defaultSuccessUrl("/actuator/hawtio/", false))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.csrfTokenRepository(consoleCsrfTokens()).csrfTokenRequestHandler(consoleCsrfHandler()))
                .build();
    }

    private static CookieCsrfTokenRepository consoleCsrfTokens() {
        return CookieCsrfTokenRepository.withHttpOnlyFalse();
    }

    private static CsrfTokenRequestAttributeHandler consoleCsrfHandler() {
        CsrfTokenRequestAttributeHandler handler = new CsrfTokenRequestAttributeHandler();
        handler.setCsrfRequestAttributeName(null); // write the token cookie on every response Hawtio loads
        return handler;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new ConfiguredSecretEncoder();
    }

    @Bean
    UserDetailsService users(HubProperties hub, PasswordEncoder encoder) {
        HubProperties.Security s = hub.security();
        require("hub.security.api-password", s.apiPassword());
        require("hub.security.console-password", s.consolePassword());
        return new InMemoryUserDetailsManager(
                User.withUsername(s.apiUser()).password(encoder.encode(s.apiPassword())).roles("API").build(),
                User.withUsername(s.consoleUser()).password(encoder.encode(s.consolePassword())).roles("OPS").build());
    }

    private static void require(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " must be set (from the environment in production)");
        }
    }
}
