package io.orderhub.security;

import io.orderhub.config.HubProperties;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;
import static org.springframework.security.authorization.AuthorizationManagers.anyOf;

/**
 * Who may do what (README, "Security"). {@code /api/**} is for systems and scripts: HTTP Basic, no session made, a
 * role per call and, for integrations, a scope per channel, carrier and the WMS; the operations console calls it with
 * the session of the form login (and the CSRF token on writes). Hawtio and its Jolokia are for people:
 * the form login's session, with a CSRF token on every write (Hawtio sends it back as X-XSRF-TOKEN); Jolokia's own
 * access policy (JolokiaAccess) decides which MBean calls each role may make. Webhooks carry the channel's
 * signature instead. Without a login only health (its status, no details) answers.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String VIEWER = Role.VIEWER.name();
    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String ADMIN = Role.ADMIN.name();

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

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Environment environment) throws Exception {
        IntegrationScopes scopes = new IntegrationScopes(environment);
        HubEntryPoint entryPoint = new HubEntryPoint();
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/channels/{channel}/orders").access(scopes.channel())
                        .requestMatchers(HttpMethod.POST, "/api/carriers/{carrier}/tracking").access(scopes.carrier())
                        .requestMatchers(HttpMethod.POST, "/api/orders/{orderId}/status")
                        .access(anyOf(scopes.wms(), hasRole(OPERATOR)))
                        .requestMatchers(HttpMethod.POST, "/api/stock").access(anyOf(scopes.wms(), hasRole(ADMIN)))
                        .requestMatchers(HttpMethod.POST, "/api/orders/*/release", "/api/errors/*/replay",
                                "/api/errors/replay", "/api/errors/*/discard", "/api/deliveries/**",
                                "/api/inventory/resync").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/edi/documents/*/body", "/api/orders/*/raw")
                        .hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.PUT, "/api/catalog/**", "/api/inventory/listings/**",
                                "/api/inventory/policies/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/catalog/reload", "/api/inventory/reload",
                                "/api/mappings/reload", "/api/privacy/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(VIEWER)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                // the console (static/console/) calls the API with the form login's session and the CSRF token;
                // the API never makes a session itself, so a program with Basic credentials stays stateless
                .csrf(csrf -> sessionCsrf(csrf, false))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .build();
    }

    /**
     * Jolokia answers programs with 401 (Basic); the Hawtio page in a browser reaches it with the session of the
     * console login, and sends the CSRF token back on every write.
     */
    @Bean
    @Order(2)
    SecurityFilterChain jolokia(HttpSecurity http) throws Exception {
        HubEntryPoint entryPoint = new HubEntryPoint();
        return http.securityMatcher(EndpointRequest.to("jolokia"))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(VIEWER))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .csrf(csrf -> sessionCsrf(csrf, true))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        HubEntryPoint entryPoint = new HubEntryPoint();
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers(EndpointRequest.to("prometheus")).hasAnyRole(Role.METRICS.name(), VIEWER)
                        .requestMatchers(EndpointRequest.to("hawtio", "info")).hasRole(VIEWER)
                        .requestMatchers("/login", "/error").permitAll()
                        .anyRequest().hasRole(VIEWER))
                .formLogin(form -> form.defaultSuccessUrl("/console/", false))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                // a browser gets the login form (form login's own entry point), anything else this one
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(entryPoint,
                        request -> !HubEntryPoint.isBrowser(request)))
                .csrf(csrf -> sessionCsrf(csrf, true))
                .build();
    }

    /**
     * Every write in a session needs the token (and so does the login form). A call with its own Authorization
     * header is a program's: a browser never holds Basic credentials for the hub (HubEntryPoint never asks it for
     * them), so no other site can make it send that header. A call with neither a session nor credentials has no
     * login another site could borrow: it gets the 401 of any anonymous call.
     */
    private static void sessionCsrf(CsrfConfigurer<HttpSecurity> csrf, boolean writeCookie) {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        CsrfTokenRequestAttributeHandler handler = new CsrfTokenRequestAttributeHandler();
        if (writeCookie) {
            handler.setCsrfRequestAttributeName(null); // write the token cookie on every page load (Hawtio, console)
        }
        csrf.csrfTokenRepository(tokens).csrfTokenRequestHandler(handler)
                .ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null
                        || request.getRequestedSessionId() == null && !"/login".equals(request.getServletPath()));
    }

    /** Jolokia's access policy (jolokia-access.xml) with the roles; Jolokia's servlet takes it from the context. */
    @Bean
    JolokiaAccess jolokiaAccess() {
        return new JolokiaAccess();
    }

    /** The same rules, for what Hawtio asks before it offers an operation. */
    @Bean(initMethod = "init", destroyMethod = "destroy")
    HawtioRoles hawtioRoles(JolokiaAccess access) {
        return new HawtioRoles(access);
    }

    @Bean
    SecretEncoder passwordEncoder() {
        return new SecretEncoder();
    }

    @Bean
    UserDetailsService users(HubProperties hub, SecretEncoder encoder) {
        return new InMemoryUserDetailsManager(HubUsers.of(hub.security(), encoder));
    }
}
