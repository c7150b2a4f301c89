package io.orderhub.edi;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The control numbers the hub issues to each partner (interchange ISA13 / UNB, group GS06, transaction set ST02 /
 * UNH), one sequence per partner and kind, kept in the database: each number is committed before it is used, so
 * none is ever issued twice, also after a restart or a failed send (a gap is allowed, a repeat never).
 */
public class ControlNumbers {

    public enum Kind { INTERCHANGE, GROUP, TRANSACTION }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public ControlNumbers(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public long next(String partner, Kind kind) {
        Long value = transactions.execute(status -> {
            int updated = jdbc.update("UPDATE edi_control_numbers SET last_value = last_value + 1 WHERE partner = ? AND kind = ?",
                    partner, kind.name());
            if (updated == 0) {
                jdbc.update("INSERT INTO edi_control_numbers (partner, kind, last_value) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
                        partner, kind.name());
                jdbc.update("UPDATE edi_control_numbers SET last_value = last_value + 1 WHERE partner = ? AND kind = ?",
                        partner, kind.name());
            }
            return jdbc.queryForObject("SELECT last_value FROM edi_control_numbers WHERE partner = ? AND kind = ?",
                    Long.class, partner, kind.name());
        });
        return value == null ? 1 : value;
    }
}
