package io.orderhub.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code hub.sandbox.*}: where the simulators and the SFTP server listen, how busy the sandbox is, and the SKU its
 * warehouses start with only a few of (so a run shows the channels told to stop selling it).
 */
@ConfigurationProperties("hub.sandbox")
public record SandboxProperties(@DefaultValue("false") boolean enabled,
                                @DefaultValue("8099") int port,
                                @DefaultValue("2222") int sftpPort,
                                @DefaultValue("2s") Duration orderInterval,
                                @DefaultValue("2s") Duration wmsStepDelay,
                                @DefaultValue("20") int throttleEvery,
                                @DefaultValue("30s") Duration ediInterval,
                                @DefaultValue("") String scarceSku,
                                @DefaultValue("0") int scarceUnits) {
}
