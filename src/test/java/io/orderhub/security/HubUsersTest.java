package io.orderhub.security;

import io.orderhub.config.HubProperties;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The logins of hub.security as Spring Security sees them: roles with what they include, scopes, passwords. */
class HubUsersTest {

    // BCrypt of "admin-sandbox"
    private static final String ADMIN_HASH = "{bcrypt}$2a$10$MUd2WZOtOAAzlBvbd6pjou6tfkeFSVAv/3RqnoqKxj4g2gpNjNK8y";

    private final SecretEncoder encoder = new SecretEncoder();

    @Test
    void theLoginsOfEarlierVersionsAreAnIntegrationForEverySystemAndAnOperator() {
        Map<String, UserDetails> users = users(new HubProperties.Security("api", "api-secret", "console",
                "console-secret", Map.of()));

        assertThat(authorities(users.get("api"))).containsExactlyInAnyOrder("ROLE_INTEGRATION", "SCOPE_*");
        assertThat(authorities(users.get("console"))).containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_VIEWER");
        assertThat(encoder.matches("api-secret", users.get("api").getPassword())).isTrue();
        assertThat(users.get("api").getPassword()).as("kept as a digest").startsWith("{sha256}")
                .doesNotContain("api-secret");
    }

    @Test
    void aPersonsRoleIncludesTheOnesBelowItAndASystemsRoleStandsAlone() {
        Map<String, UserDetails> users = users(new HubProperties.Security(null, null, null, null, Map.of(
                "ana", new HubProperties.Security.User(ADMIN_HASH, List.of("admin"), List.of()),
                "wms", new HubProperties.Security.User("{noop}wms-secret", List.of("integration"), List.of("wms")),
                "scraper", new HubProperties.Security.User("{noop}s", List.of("metrics"), List.of()))));

        assertThat(authorities(users.get("ana"))).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_OPERATOR",
                "ROLE_VIEWER");
        assertThat(authorities(users.get("wms"))).containsExactlyInAnyOrder("ROLE_INTEGRATION", "SCOPE_wms");
        assertThat(authorities(users.get("scraper"))).containsExactly("ROLE_METRICS");
        assertThat(encoder.matches("wms-secret", users.get("wms").getPassword())).isTrue();
        assertThat(encoder.matches("{noop}wms-secret", users.get("wms").getPassword())).isFalse();
    }

    @Test
    void aBcryptHashIsCheckedOnceAndAnyOtherPasswordStillGoesThroughIt() {
        String stored = encoder.stored(ADMIN_HASH);

        assertThat(encoder.matches("admin-sandbox", stored)).isTrue();
        assertThat(encoder.matches("admin-sandbox", stored)).as("the remembered digest").isTrue();
        assertThat(encoder.matches("admin-sandbox ", stored)).isFalse();
        assertThat(encoder.matches("", stored)).isFalse();
    }

    @Test
    void withoutAnyLoginTheHubDoesNotStart() {
        assertThatThrownBy(() -> users(new HubProperties.Security(null, null, null, null, Map.of())))
                .hasMessageStartingWith("No login is configured");
        assertThatThrownBy(() -> users(new HubProperties.Security("api", "", null, null, Map.of())))
                .hasMessage("hub.security.api-user is set without its password");
    }

    private Map<String, UserDetails> users(HubProperties.Security security) {
        return HubUsers.of(security, encoder).stream().collect(Collectors.toMap(UserDetails::getUsername, u -> u));
    }

    private static List<String> authorities(UserDetails user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
