package fr.interopsr.convention;

import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionDocumentReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Conventions as code: imports every {@code *.json} document of a directory (MP Config
 * {@code interops.conventions.dir}). A file is imported when its bytes differ from those of its
 * last import (D-15): new id, created; changed content, a new revision; same content, nothing.
 * A file that is not a valid document is refused with every problem logged; the others load.
 */
@ApplicationScoped
public class ConventionImporter {

    private static final Logger LOG = Logger.getLogger(ConventionImporter.class.getName());

    @Inject
    ConventionStore store;

    /** One line per file: what happened to it. */
    public record ImportReport(List<String> imported, List<String> unchanged, List<String> refused) {}

    public ImportReport importDirectory(Path dir) throws IOException {
        List<String> imported = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        Map<String, String> fileOfId = new HashMap<>();
        Set<String> duplicated = new HashSet<>();
        for (Path file : files) {
            ConventionDocumentReader.read(Files.readAllBytes(file)).document().ifPresent(d -> {
                String first = fileOfId.putIfAbsent(d.id(), file.getFileName().toString());
                if (first != null) {
                    duplicated.add(d.id());
                }
            });
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes = Files.readAllBytes(file);
            String sourceHash = sha256(bytes);
            var read = ConventionDocumentReader.read(bytes);
            if (read.document().isEmpty()) {
                refused.add(name);
                LOG.severe("convention file " + file + " refused:\n  - "
                        + read.problems().stream().map(Object::toString).collect(Collectors.joining("\n  - ")));
                continue;
            }
            ConventionDocument document = read.document().get();
            if (duplicated.contains(document.id())) {
                refused.add(name);
                LOG.severe("convention file " + file + " refused: id " + document.id() + " is used by several files of "
                        + dir + " (" + fileOfId.get(document.id()) + ", ...)");
                continue;
            }
            Optional<ConventionRecord> head = store.head(document.id());
            if (head.isPresent() && sourceHash.equals(head.get().sourceHash())) {
                unchanged.add(name);
                continue;
            }
            try {
                var outcome = store.save(document, "file:" + name, "imported from " + name, sourceHash);
                if (!outcome.problems().isEmpty()) {
                    refused.add(name);
                    LOG.severe(
                            "convention file " + file + " refused:\n  - " + String.join("\n  - ", outcome.problems()));
                } else if (outcome.changed()) {
                    imported.add(name);
                    LOG.info("convention " + document.id() + " revision "
                            + outcome.convention().orElseThrow().revision() + " imported from " + file);
                } else {
                    unchanged.add(name);
                }
            } catch (RuntimeException raced) {
                // another node imported the same file at the same moment: (id, revision) is unique (D-15)
                LOG.warning("convention file " + file + " not imported here: " + raced);
                unchanged.add(name);
            }
        }
        return new ImportReport(imported, unchanged, refused);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
