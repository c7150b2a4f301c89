package io.orderhub.security;

import io.orderhub.config.HubProperties;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logins of {@code hub.security}: each user's roles, with the ones they include, become {@code ROLE_*}
 * authorities, and an integration's scopes {@code SCOPE_*} ones, which IntegrationScopes checks against the
 * request.
 */
final class HubUsers {

    static final String SCOPE = "SCOPE_";

    private HubUsers() {
    }

    static List<UserDetails> of(HubProperties.Security security, SecretEncoder encoder) {
        Map<String, UserDetails> users = new LinkedHashMap<>();
        legacy(users, "hub.security.api-user", security.apiUser(), security.apiPassword(), Role.INTEGRATION, encoder);
        legacy(users, "hub.security.console-user", security.consoleUser(), security.consolePassword(), Role.OPERATOR,
                encoder);
        security.users().forEach((name, user) -> {
            if (users.containsKey(name)) {
                throw new IllegalStateException("hub.security.users." + name + " is also the api or console user");
            }
            List<GrantedAuthority> authorities = new ArrayList<>();
            user.roles().stream().map(Role::of).flatMap(r -> r.granted().stream()).distinct()
                    .forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
            user.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority(SCOPE + s)));
            users.put(name, User.withUsername(name).password(encoder.stored(user.password()))
                    .authorities(authorities).build());
        });
        if (users.isEmpty()) {
            throw new IllegalStateException("No login is configured: set hub.security.users.<name>.password and "
                    + ".roles (README, \"Security\")");
        }
        return List.copyOf(users.values());
    }

    /** The two logins of earlier versions: the API user speaks for every system, the console user operates. */
    private static void legacy(Map<String, UserDetails> users, String property, String name, String password,
                               Role role, SecretEncoder encoder) {
        if (name == null || name.isBlank()) {
            return;
        }
        if (password == null || password.isBlank()) {
            throw new IllegalStateException(property + " is set without its password");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        role.granted().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
        if (role == Role.INTEGRATION) {
            authorities.add(new SimpleGrantedAuthority(SCOPE + "*"));
        }
        users.put(name, User.withUsername(name).password(encoder.stored(password)).authorities(authorities).build());
    }
}
