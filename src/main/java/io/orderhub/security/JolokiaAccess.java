package io.orderhub.security;

import org.jolokia.server.core.restrictor.RestrictorFactory;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import javax.management.ObjectName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Jolokia's restrictor: the policy of jolokia-access.xml, and the roles. Jolokia runs each request on the thread
 * that Spring Security authenticated, so the caller's roles are at hand: a viewer may read, list and search, and
 * run the read-only operations Hawtio draws its views with; the route controls need an operator.
 */
final class JolokiaAccess implements Restrictor {

    static final String POLICY = "classpath:/jolokia-access.xml";

    private static final Set<String> CONTROLS = Set.of("start", "stop", "suspend", "resume", "reset");

    private final Restrictor policy;

    JolokiaAccess() {
        try {
            policy = RestrictorFactory.lookupPolicyRestrictor(POLICY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POLICY, e);
        }
        if (policy == null) {
            throw new IllegalStateException(POLICY + " is missing from the jar");
        }
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        String bare = operation.contains("(") ? operation.substring(0, operation.indexOf('(')) : operation;
        if ("dumpRoutesAsXml".equals(bare) && !"dumpRoutesAsXml()".equals(operation.replace(" ", ""))) {
            return false; // the variants with arguments can resolve placeholders, and with them secrets
        }
        if (CONTROLS.contains(bare) && !hasRole(Role.OPERATOR)) {
            return false;
        }
        return policy.isOperationAllowed(name, bare);
    }

    private static boolean hasRole(Role role) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()));
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return policy.isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return policy.isTypeAllowed(type) || type == RequestType.EXEC;
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return policy.isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return false;
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return policy.isRemoteAccessAllowed(hostOrAddress);
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        return policy.isOriginAllowed(origin, strictCheck);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return policy.isObjectNameHidden(name);
    }
}
