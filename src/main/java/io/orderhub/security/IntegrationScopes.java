package io.orderhub.security;

import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What an integration login may post, by its scopes: {@code channel:<channel>[:<account>]} orders of that channel
 * (and account), {@code carrier:<carrier>} that carrier's tracking, {@code wms} status and stock; {@code *} all of
 * them. A request names its channel and carrier in the path and its account as {@code ?account=} (absent: the
 * channel's account, as the ingest API reads it).
 */
final class IntegrationScopes {

    private final Environment environment;

    IntegrationScopes(Environment environment) {
        this.environment = environment;
    }

    AuthorizationManager<RequestAuthorizationContext> channel() {
        return scoped(context -> {
            String channel = lower(context.getVariables().get("channel"));
            String account = context.getRequest().getParameter("account");
            if (account == null || account.isBlank()) {
                account = environment.getProperty("hub.channels." + channel + ".account", "default");
            }
            return Set.of("channel:" + channel, "channel:" + channel + ":" + account);
        });
    }

    AuthorizationManager<RequestAuthorizationContext> carrier() {
        return scoped(context -> Set.of("carrier:" + lower(context.getVariables().get("carrier"))));
    }

    AuthorizationManager<RequestAuthorizationContext> wms() {
        return scoped(context -> Set.of("wms"));
    }

    /** Granted to an integration login holding {@code *} or one of the scopes that fit the request. */
    private static AuthorizationManager<RequestAuthorizationContext> scoped(
            Function<RequestAuthorizationContext, Set<String>> fitting) {
        return (Supplier<Authentication> authentication, RequestAuthorizationContext context) -> {
            Set<String> authorities = authentication.get().getAuthorities().stream()
                    .map(a -> a.getAuthority()).collect(Collectors.toSet());
            if (!authorities.contains("ROLE_" + Role.INTEGRATION.name())) {
                return new AuthorizationDecision(false);
            }
            if (authorities.contains(HubUsers.SCOPE + "*")) {
                return new AuthorizationDecision(true);
            }
            return new AuthorizationDecision(fitting.apply(context).stream()
                    .anyMatch(scope -> authorities.contains(HubUsers.SCOPE + scope)));
        };
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
