-- GET /api/edi/documents?controlNumber= looks a number up as interchange, group or transaction set number;
-- the unique index of V2 leads with the partner, so each needs its own.
CREATE INDEX ix_edi_interchange_no ON edi_documents (interchange_no);
CREATE INDEX ix_edi_group_no ON edi_documents (group_no);
CREATE INDEX ix_edi_transaction_no ON edi_documents (transaction_no);
