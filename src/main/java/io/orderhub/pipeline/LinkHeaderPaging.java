package io.orderhub.pipeline;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 8288 {@code Link} header paging (Shopify, WooCommerce): the query of the {@code rel="next"} link, or null
 * on the last page. Only the query is taken: the host and path stay the ones configured, so a response can
 * never point the poller (and its credentials) somewhere else.
 */
public class LinkHeaderPaging {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?([^\",;]+)\"?");

    public String nextQuery(String linkHeader) {
        if (linkHeader == null || linkHeader.isBlank()) {
            return null;
        }
        Matcher m = LINK.matcher(linkHeader);
        while (m.find()) {
            if ("next".equalsIgnoreCase(m.group(2).trim())) {
                String query = URI.create(m.group(1)).getRawQuery();
                return query == null || query.isBlank() ? null : query;
            }
        }
        return null;
    }
}
