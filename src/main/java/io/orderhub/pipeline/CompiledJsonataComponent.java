package io.orderhub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.jsonata.JsonataComponent;
import org.apache.camel.component.jsonata.JsonataEndpoint;
import org.apache.camel.component.jsonata.JsonataInputOutputType;
import org.apache.camel.support.ExchangeHelper;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The {@code jsonata:} component of the routes, with each mapping file compiled once ({@link CompiledJsonata}).
 * Camel's own endpoint (4.17) reads and compiles its expression again for every message; the parse cost more than
 * the mapping itself (see the README, "Performance"). {@code POST /api/mappings/reload} clears the content cache,
 * and with it the compiled expression, so a mended file is compiled on its next message.
 */
public class CompiledJsonataComponent extends JsonataComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        CompiledJsonataEndpoint endpoint = new CompiledJsonataEndpoint(uri, this, remaining);
        endpoint.setContentCache(isContentCache());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    static final class CompiledJsonataEndpoint extends JsonataEndpoint {

        private final ObjectMapper json = new ObjectMapper();
        private volatile CompiledJsonata compiled;

        CompiledJsonataEndpoint(String uri, JsonataComponent component, String resourceUri) {
            super(uri, component, resourceUri, null);
        }

        @Override
        protected void onExchange(Exchange exchange) throws Exception {
            Object input = getInputType() == JsonataInputOutputType.JsonString
                    ? json.readValue(exchange.getIn().getMandatoryBody(InputStream.class), Object.class)
                    : json.convertValue(exchange.getIn().getBody(), Object.class);
            String text = json.writeValueAsString(expression().evaluate(input));
            ExchangeHelper.setInOutBodyPatternAware(exchange,
                    getOutputType() == JsonataInputOutputType.JsonString ? text : json.readTree(text));
        }

        private CompiledJsonata expression() throws Exception {
            CompiledJsonata expression = compiled;
            if (expression == null) {
                try (InputStream in = getResourceAsInputStream()) {
                    expression = CompiledJsonata.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                compiled = expression;
            }
            return expression;
        }

        @Override
        public void clearContentCache() {
            super.clearContentCache();
            compiled = null;
        }
    }
}
