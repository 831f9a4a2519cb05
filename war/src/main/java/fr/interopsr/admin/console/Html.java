package fr.interopsr.admin.console;

import java.util.Set;

/**
 * The console's only way to write HTML: {@link #escape} for every piece of text and every
 * attribute value, and a small builder that calls it, so that no data reaches a page unescaped.
 * Tag and attribute names are constants of the code, never data.
 */
public final class Html {

    private final StringBuilder out = new StringBuilder(4096);

    /**
     * Text safe in element content and in double- or single-quoted attribute values: {@code & < > " '}
     * become character references; null becomes the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String ref =
                    switch (c) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '"' -> "&quot;";
                        case '\'' -> "&#39;";
                        default -> null;
                    };
            if (ref != null) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                b.append(ref);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    /** An opening tag; {@code attributes} are name, value pairs (a null value leaves the attribute out). */
    public Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** A void element ({@code input}, {@code meta}, {@code link}, {@code br}). */
    public Html empty(String tag, String... attributes) {
        return open(tag, attributes);
    }

    public Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** Escaped text. */
    public Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /** An element holding escaped text. */
    public Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A fragment built by another {@code Html}: already escaped. */
    public Html append(Html fragment) {
        out.append(fragment.out);
        return this;
    }

    /** Markup that is a constant of the code (a doctype). Never data. */
    Html markup(String constant) {
        out.append(constant);
        return this;
    }

    private void attributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            String value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            out.append(' ').append(attributes[i]);
            if (!value.isEmpty() || !BOOLEAN.contains(attributes[i])) {
                out.append("=\"").append(escape(value)).append('"');
            }
        }
    }

    private static final Set<String> BOOLEAN =
            Set.of("checked", "selected", "required", "disabled", "readonly", "open", "hidden", "autofocus");

    @Override
    public String toString() {
        return out.toString();
    }
}
