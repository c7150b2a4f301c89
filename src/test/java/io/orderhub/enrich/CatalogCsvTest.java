package io.orderhub.enrich;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog files are CSV as spreadsheets write it: quoted cells may hold commas and quotes. */
class CatalogCsvTest {

    @Test
    void quotedCellsKeepTheirCommasAndQuotes() {
        assertThat(CsvFile.cells("MUG-1,\"Mug, 12oz \"\"Classic\"\"\",450"))
                .containsExactly("MUG-1", "Mug, 12oz \"Classic\"", "450");
        assertThat(CsvFile.cells(" a , b ,")).containsExactly("a", "b", "");
    }
}
