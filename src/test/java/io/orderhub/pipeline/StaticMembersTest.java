package io.orderhub.pipeline;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticMembersTest {

    @Test
    void eachConsumerOfAnEndpointIsItsOwnMemberAndKeepsItsIdWhenItReconnects() {
        StaticMembers members = new StaticMembers(3);
        List<Properties> consumers = List.of(props("hub-a"), props("hub-a"), props("hub-a"));

        List<String> ids = new ArrayList<>();
        consumers.forEach(props -> ids.add(memberId(members, props)));

        assertThat(ids).containsExactly("hub-a-0", "hub-a-1", "hub-a-2");
        assertThat(memberId(members, consumers.get(1))).as("a reconnect of the second consumer").isEqualTo("hub-a-1");
        assertThat(consumers.get(1).getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                .as("Camel's own properties are left as they were").isEqualTo("hub-a");
        // a route restart gives the factory new properties objects: the same three ids again
        assertThat(List.of(memberId(members, props("hub-a")), memberId(members, props("hub-a")),
                memberId(members, props("hub-a")))).containsExactly("hub-a-0", "hub-a-1", "hub-a-2");
    }

    @Test
    void oneConsumerOrDynamicMembershipKeepsWhatWasConfigured() {
        assertThat(memberId(new StaticMembers(1), props("hub-a"))).isEqualTo("hub-a");
        Properties dynamic = props(null);
        try (Consumer<?, ?> consumer = new StaticMembers(3).getConsumer(dynamic)) {
            assertThat(consumer.groupMetadata().groupInstanceId()).isEmpty();
        }
        assertThatThrownBy(() -> new StaticMembers(0)).hasMessageContaining("at least 1");
    }

    private static String memberId(StaticMembers members, Properties props) {
        try (Consumer<?, ?> consumer = members.getConsumer(props)) {
            return consumer.groupMetadata().groupInstanceId().orElseThrow();
        }
    }

    private static Properties props(String instanceId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "order-hub-pos");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        if (instanceId != null) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        return props;
    }
}
