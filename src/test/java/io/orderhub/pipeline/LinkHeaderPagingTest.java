package io.orderhub.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkHeaderPagingTest {

    private final LinkHeaderPaging paging = new LinkHeaderPaging();

    @Test
    void takesOnlyTheQueryOfTheNextLink() {
        String link = "<https://shop.myshopify.com/admin/api/2025-01/orders.json?limit=50&page_info=abc>; rel=\"previous\", "
                + "<https://evil.example.com/admin/api/2025-01/orders.json?limit=50&page_info=def>; rel=\"next\"";
        assertThat(paging.nextQuery(link)).isEqualTo("limit=50&page_info=def");
    }

    @Test
    void noNextLinkMeansLastPage() {
        assertThat(paging.nextQuery(null)).isNull();
        assertThat(paging.nextQuery("")).isNull();
        assertThat(paging.nextQuery("<https://s/orders.json?limit=50&page_info=abc>; rel=\"previous\"")).isNull();
    }
}
