package io.orderhub.privacy;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** Stack traces, whose messages often quote the payload that failed, with personal data masked (logback-spring.xml). */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return PersonalData.text(super.throwableProxyToString(proxy));
    }
}
