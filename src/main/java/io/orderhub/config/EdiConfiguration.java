package io.orderhub.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.edi.ControlNumbers;
import io.orderhub.edi.EdiAcknowledgementWatch;
import io.orderhub.edi.EdiDocuments;
import io.orderhub.edi.EdiInbound;
import io.orderhub.edi.EdiOutbound;
import io.orderhub.edi.EdiPartnerRoutes;
import io.orderhub.pipeline.DeliveryChanges;
import io.orderhub.store.ErrorStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** The EDI beans: partners from hub.edi.partners, the audit trail, control numbers and the inbound handling. */
@Configuration(proxyBeanMethods = false)
public class EdiConfiguration {

    @Bean
    EdiDocuments ediDocuments(JdbcTemplate jdbc, Clock clock) {
        return new EdiDocuments(jdbc, clock);
    }

    @Bean
    ControlNumbers ediControlNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        return new ControlNumbers(jdbc, own);
    }

    @Bean
    EdiInbound ediInbound(HubProperties hub, EdiDocuments documents, ControlNumbers numbers, ErrorStore errors,
                          ObjectMapper json, Clock clock) {
        return new EdiInbound(hub.edi().partners(), documents, numbers, errors, json, clock,
                hub.edi().maxFileBytes(), hub.edi().duplicateWindow());
    }

    @Bean
    EdiOutbound ediOutbound(HubProperties hub, DeliveryChanges changes, EdiDocuments documents,
                            ControlNumbers numbers, ObjectMapper json, Clock clock) {
        return new EdiOutbound(hub.edi().partners(), changes, documents, numbers, json, clock);
    }

    @Bean
    EdiAcknowledgementWatch ediAcknowledgementWatch(MeterRegistry meters, EdiDocuments documents, HubProperties hub,
                                                    Clock clock) {
        return new EdiAcknowledgementWatch(meters, documents, hub.edi().partners().keySet(), clock);
    }

    @Bean
    EdiPartnerRoutes ediPartnerRoutes(HubProperties hub) {
        return new EdiPartnerRoutes(hub.edi().partners());
    }
}
