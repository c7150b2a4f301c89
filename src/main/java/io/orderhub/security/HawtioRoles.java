package io.orderhub.security;

import io.hawt.jmx.JMXSecurity;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import java.util.List;
import java.util.Map;

/**
 * What Hawtio asks before it offers an operation ({@code canInvoke}), answered by the same rules Jolokia applies
 * (JolokiaAccess): a viewer's console shows the routes without working start and stop buttons, an operator's with.
 * Hawtio on Spring Boot registers a stand-in that answers yes to everything; this replaces it.
 */
class HawtioRoles extends JMXSecurity {

    private static final String STAND_IN = "hawtio:type=security,area=jmx,name=HawtioDummyJMXSecurity";

    private final JolokiaAccess access;

    HawtioRoles(JolokiaAccess access) {
        this.access = access;
    }

    @Override
    protected String getDefaultObjectName() {
        return "hawtio:type=security,area=jmx,name=OrderHubRoles";
    }

    /** Hawtio's listener registers its stand-in while the web server starts; it is gone once the hub is up. */
    @EventListener(ApplicationReadyEvent.class)
    public void replaceTheStandIn() throws JMException {
        MBeanServer server = getMBeanServer();
        ObjectName standIn = new ObjectName(STAND_IN);
        if (server.isRegistered(standIn)) {
            server.unregisterMBean(standIn);
        }
    }

    @Override
    public boolean canInvoke(String objectName) {
        return true; // reading is open to every console login; each operation is asked for on its own
    }

    @Override
    public boolean canInvoke(String objectName, String methodName) {
        try {
            return access.isOperationAllowed(new ObjectName(objectName), methodName);
        } catch (JMException e) {
            return false;
        }
    }

    @Override
    public boolean canInvoke(String objectName, String methodName, String[] argumentTypes) {
        return canInvoke(objectName, methodName + "(" + String.join(",", argumentTypes) + ")");
    }

    @Override
    public TabularData canInvoke(Map<String, List<String>> operations) throws OpenDataException {
        TabularData answers = new TabularDataSupport(CAN_INVOKE_TABULAR_TYPE);
        for (Map.Entry<String, List<String>> mbean : operations.entrySet()) {
            if (mbean.getValue().isEmpty()) {
                answers.put(row(mbean.getKey(), "", canInvoke(mbean.getKey())));
            }
            for (String operation : mbean.getValue()) {
                answers.put(row(mbean.getKey(), operation, canInvoke(mbean.getKey(), operation)));
            }
        }
        return answers;
    }

    private static CompositeDataSupport row(String objectName, String method, boolean allowed)
            throws OpenDataException {
        return new CompositeDataSupport(CAN_INVOKE_RESULT_ROW_TYPE, CAN_INVOKE_RESULT_COLUMNS,
                new Object[] {objectName, method, allowed});
    }
}
