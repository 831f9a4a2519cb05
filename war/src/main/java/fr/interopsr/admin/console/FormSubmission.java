package fr.interopsr.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} post of the convention form, read with bounds (issue 18 §1): text parts by name, in
 * order (the rows of a list share one name), and the files of {@code file.<group>} parts. A part larger than its
 * bound, or too many parts, makes the whole post refused with {@link TooLarge}, never a 500.
 *
 * @param values text parts: name to values, in order
 * @param files  file parts without the {@code file.} prefix: group key to content (empty when no file was chosen)
 */
public record FormSubmission(Map<String, List<String>> values, Map<String, byte[]> files) {

    /** Most parts in one post. */
    public static final int MAX_PARTS = 2_000;

    /** Largest file part: one PEM certificate, with room. */
    public static final int MAX_FILE = 64 * 1024;

    /** One part as the container gives it. */
    public record Part(String name, boolean file, InputStream content) {}

    /** The post is larger than the form can be. */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        public TooLarge(String message) {
            super(message);
        }
    }

    /** The first value of a text part, or empty. */
    public Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
    }

    /**
     * Reads every part; text as UTF-8 (the page's charset), at most {@link ConventionForm#MAX_VALUE} bytes each.
     *
     * @throws TooLarge when a part or the number of parts is over its bound
     */
    public static FormSubmission read(List<Part> parts) throws TooLarge, IOException {
        if (parts.size() > MAX_PARTS) {
            throw new TooLarge("the form has more than " + MAX_PARTS + " fields");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Part p : parts) {
            String name = p.name() == null ? "" : p.name();
            if (name.startsWith(ConventionFormViews.FILE_PREFIX)) {
                byte[] content = bounded(
                        p.content(), MAX_FILE, "the file " + name.substring(ConventionFormViews.FILE_PREFIX.length()));
                files.put(name.substring(ConventionFormViews.FILE_PREFIX.length()), content);
            } else if (!p.file()) {
                byte[] content = bounded(p.content(), ConventionForm.MAX_VALUE, "the field " + name);
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(new String(content, StandardCharsets.UTF_8));
            }
        }
        return new FormSubmission(values, files);
    }

    private static byte[] bounded(InputStream in, int max, String what) throws TooLarge, IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            byte[] content = in.readNBytes(max + 1);
            if (content.length > max) {
                throw new TooLarge(what + " is larger than " + max + " bytes");
            }
            return content;
        }
    }
}
