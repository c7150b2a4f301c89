package io.orderhub.api;

import io.orderhub.edi.EdiDocuments;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The EDI audit trail: documents by control number (ISA13/GS06/ST02 or UNB/UNH), and each document's text. */
@RestController
@RequestMapping("/api/edi/documents")
public class EdiController {

    private final EdiDocuments documents;

    public EdiController(EdiDocuments documents) {
        this.documents = documents;
    }

    @GetMapping
    public List<EdiDocuments.Document> search(@RequestParam String controlNumber) {
        if (controlNumber.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "controlNumber is required");
        }
        return documents.byControlNumber(controlNumber.trim());
    }

    @GetMapping(value = "/{documentId}/body", produces = MediaType.TEXT_PLAIN_VALUE)
    public String body(@PathVariable String documentId) {
        try {
            String body = documents.body(documentId);
            if (body.isEmpty()) {
                throw new ApiException(HttpStatus.GONE, "the text of EDI document " + documentId
                        + " was kept no longer (hub.retention.document-bodies)");
            }
            return body;
        } catch (EmptyResultDataAccessException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no EDI document " + documentId);
        }
    }
}
