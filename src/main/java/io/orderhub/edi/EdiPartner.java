package io.orderhub.edi;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * One trading partner ({@code hub.edi.partners.<id>.*}): where its SFTP folders are and how to log in, how the
 * host key is checked, the EDI standard and the interchange ids both sides use, and which documents it expects
 * back. Onboarding a partner is these properties; no code.
 *
 * @param knownHostsFile the OpenSSH known_hosts file the server's host key is checked against; empty only in the
 *                       sandbox, where the key is not checked
 * @param usage          ISA15 of what the hub sends: P (production) or T (test)
 * @param acknowledgement 997, or 999 (005010X231A1) for an X12 partner that wants an implementation
 *                       acknowledgement; an EDIFACT partner gets a CONTRL either way
 * @param documents      what the partner gets back: 855 (on CONFIRMED), 856 and 810 (on SHIPPED)
 */
public record EdiPartner(@DefaultValue("true") boolean enabled,
                         String host,
                         @DefaultValue("22") int port,
                         String user,
                         @DefaultValue("") String password,
                         @DefaultValue("") String privateKeyFile,
                         @DefaultValue("") String knownHostsFile,
                         @DefaultValue("inbound") String inboundDir,
                         @DefaultValue("outbound") String outboundDir,
                         @DefaultValue("X12") String standard,
                         @DefaultValue("ZZ") String qualifier,
                         String interchangeId,
                         @DefaultValue("ZZ") String ourQualifier,
                         @DefaultValue("ORDERHUB") String ourId,
                         @DefaultValue("P") String usage,
                         @DefaultValue("997") String acknowledgement,
                         @DefaultValue({"855", "856", "810"}) List<String> documents,
                         @DefaultValue("10s") Duration pollDelay,
                         @DefaultValue("5s") Duration readLockMinAge) {

    public boolean expects(String document) {
        return documents.contains(document);
    }
}
