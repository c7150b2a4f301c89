package io.orderhub.edi;

/**
 * What is wrong with a received document, precisely enough for an acknowledgement: the segment (tag and position
 * in the transaction, 0 for the envelope), the element (0 for the whole segment) and the X12 code the 997 carries
 * (AK3-04 for a segment, AK4-03 for an element), with words for people.
 */
public record EdiError(String segmentTag, int segmentPosition, int elementPosition, String code, String description) {

    public boolean isElementError() {
        return elementPosition > 0;
    }

    @Override
    public String toString() {
        return segmentTag + " (segment " + segmentPosition + (elementPosition > 0 ? ", element " + elementPosition : "")
                + "): " + description;
    }
}
