package io.orderhub.edi;

import java.util.List;

/**
 * A received interchange, read and checked: its envelope (sender, receiver, control number), its functional groups
 * and transaction sets with their segments, and every error found, at the level where it was found. {@code preparedAt}
 * is the sender's date and time of the interchange as written (ISA09 and ISA10, or UNB's date and time).
 */
public record EdiInterchange(String standard, String senderQualifier, String senderId, String receiverQualifier,
                             String receiverId, String controlNumber, String version, String preparedAt,
                             List<Group> groups, List<EdiError> envelopeErrors) {

    public boolean accepted() {
        return envelopeErrors.isEmpty() && groups.stream().allMatch(Group::accepted);
    }

    public record Group(String functionalId, String controlNumber, String version, List<Transaction> transactions,
                        List<EdiError> errors) {

        public boolean accepted() {
            return errors.isEmpty() && transactions.stream().allMatch(Transaction::accepted);
        }

        public long acceptedCount() {
            return transactions.stream().filter(Transaction::accepted).count();
        }
    }

    public record Transaction(String type, String controlNumber, List<EdiSegment> segments, List<EdiError> errors) {

        public boolean accepted() {
            return errors.isEmpty();
        }
    }
}
