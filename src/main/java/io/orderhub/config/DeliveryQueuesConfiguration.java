package io.orderhub.config;

import io.orderhub.lifecycle.Destination;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
    /** Where inbound queues (the B2B portal's) dead-letter to; routes/intake-dead-letters.yaml reads it. */
    public static final String INTAKE_DEAD_LETTER_QUEUE = "hub.intake.dlq";

    @Bean
    static JmsClientTuning jmsClientTuning() {
        return new JmsClientTuning();
    }

    @Bean
    ArtemisConfigurationCustomizer deliveryQueues(HubProperties hub,
                                                  @Value("${hub.channels.b2b.queue}") String b2bQueue) {
        HubProperties.Delivery delivery = hub.delivery();
        for (String named : delivery.destinations().keySet()) {
            if (Arrays.stream(Destination.values()).noneMatch(d -> d.key().equals(named))) {
                throw new IllegalStateException("hub.delivery.destinations." + named + ": no such destination; one of "
                        + Arrays.stream(Destination.values()).map(Destination::key).toList());
            }
        }
        return configuration -> {
            // The dead-letter queues themselves keep what they get.
            for (String dlq : new String[]{DEAD_LETTER_QUEUE, INTAKE_DEAD_LETTER_QUEUE}) {
                configuration.addAddressSetting(dlq, new AddressSettings().setMaxDeliveryAttempts(-1)
                        .setRedeliveryDelay(5000));
                configuration.addQueueConfiguration(QueueConfiguration.of(dlq).setRoutingType(RoutingType.ANYCAST));
            }
            // An inbound order that keeps failing (the store is away) is retried with backoff, then dead-lettered
            // to a queue that ends in the error store, never the broker's unwatched default DLQ.
            configuration.addAddressSetting(b2bQueue, intakeRedelivery());
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

    static AddressSettings intakeRedelivery() {
        return new AddressSettings().setRedeliveryDelay(1000).setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000).setMaxDeliveryAttempts(10)
                .setDeadLetterAddress(SimpleString.of(INTAKE_DEAD_LETTER_QUEUE));
    }

    static AddressSettings redelivery(HubProperties.Delivery policy) {
        return new AddressSettings()
                .setRedeliveryDelay(policy.initialDelay().toMillis())
                .setRedeliveryMultiplier(policy.multiplier())
                .setMaxRedeliveryDelay(policy.maxDelay().toMillis())
                .setMaxDeliveryAttempts(policy.maxAttempts())
                // jitter: deliveries that failed together (a destination's outage) are not all retried together
                .setRedeliveryCollisionAvoidanceFactor(0.2)
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE));
    }
}
