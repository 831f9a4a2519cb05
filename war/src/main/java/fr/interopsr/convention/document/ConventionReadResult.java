package fr.interopsr.convention.document;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ConventionDocumentReader} found: the document, or every problem at once
 * (CONTRACT.md, IR-20). Never both, never neither.
 *
 * @param document the valid document
 * @param problems all problems found, in document order; empty exactly when the document is present
 */
public record ConventionReadResult(Optional<ConventionDocument> document, List<Problem> problems) {

    public ConventionReadResult {
        Objects.requireNonNull(document, "document");
        problems = List.copyOf(problems);
        if (document.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("either a document or at least one problem");
        }
    }

    static ConventionReadResult valid(ConventionDocument document) {
        return new ConventionReadResult(Optional.of(document), List.of());
    }

    static ConventionReadResult invalid(List<Problem> problems) {
        return new ConventionReadResult(Optional.empty(), problems);
    }

    /** True when the document was accepted. */
    public boolean isValid() {
        return document.isPresent();
    }

    /** The problems, one per line, for an error response or a log. */
    public String describe() {
        if (isValid()) {
            return "OK";
        }
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
