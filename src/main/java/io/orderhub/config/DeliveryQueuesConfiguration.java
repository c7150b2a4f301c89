package io.orderhub.config;

import io.orderhub.lifecycle.Destination;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;

/**
 * Redelivery and dead-lettering of the per-destination delivery queues on the embedded broker. With an external
 * broker (prod) the same address settings belong in its broker.xml; the README shows them.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryQueuesConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueuesConfiguration.class);

    public static final String DEAD_LETTER_QUEUE = "hub.delivery.dlq";

    @Bean
    static JmsClientTuning jmsClientTuning() {
        return new JmsClientTuning();
    }

    @Bean
    ArtemisConfigurationCustomizer deliveryQueues(HubProperties hub) {
        HubProperties.Delivery delivery = hub.delivery();
        for (String named : delivery.destinations().keySet()) {
            if (Arrays.stream(Destination.values()).noneMatch(d -> d.key().equals(named))) {
                throw new IllegalStateException("hub.delivery.destinations." + named + ": no such destination; one of "
                        + Arrays.stream(Destination.values()).map(Destination::key).toList());
            }
        }
        return configuration -> {
            // The dead-letter queue itself keeps what it gets.
            configuration.addAddressSetting(DEAD_LETTER_QUEUE, new AddressSettings().setMaxDeliveryAttempts(-1));
            configuration.addQueueConfiguration(QueueConfiguration.of(DEAD_LETTER_QUEUE)
                    .setRoutingType(RoutingType.ANYCAST));
            for (Destination destination : Destination.values()) {
                HubProperties.Delivery policy = delivery.forDestination(destination.key());
                configuration.addAddressSetting(destination.queueName(), redelivery(policy));
                configuration.addQueueConfiguration(QueueConfiguration.of(destination.queueName())
                        .setRoutingType(RoutingType.ANYCAST));
                LOG.info("Delivery queue {}: redelivery after {} x{} up to {}, {} attempts, then {}",
                        destination.queueName(), policy.initialDelay(), policy.multiplier(), policy.maxDelay(),
                        policy.maxAttempts(), DEAD_LETTER_QUEUE);
            }
        };
    }

    static AddressSettings redelivery(HubProperties.Delivery policy) {
        return new AddressSettings()
                .setRedeliveryDelay(policy.initialDelay().toMillis())
                .setRedeliveryMultiplier(policy.multiplier())
                .setMaxRedeliveryDelay(policy.maxDelay().toMillis())
                .setMaxDeliveryAttempts(policy.maxAttempts())
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE));
    }
}
