package fr.interopsr.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads untrusted bytes as JSON, strictly: UTF-8 only (malformed sequences, overlong forms,
 * encoded surrogates and a byte order mark refused), no duplicate member name at any depth,
 * nothing after the value, a size cap and a nesting limit. Implements Interops-R §3.5.2 steps 3
 * and 6 (JOSE header and payload of a VI, IR-9, IR-10) and guards convention documents (IR-20).
 * <p>
 * JSON-P readers silently keep one of two members with the same name; this class builds the
 * value from the streaming {@link JsonParser} events and refuses duplicates itself. Escaped
 * unpaired surrogates (<code>"&#92;ud800"</code>) are refused too: they cannot be written as UTF-8
 * (RFC 7493 §2.1). Every outcome is a {@link StrictJsonResult}; no exception escapes.
 */
public final class StrictJson {

    /** Default nesting limit: objects and arrays, the outermost counting as 1. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private StrictJson() {}

    /** An object of at most {@code maxBytes} bytes and {@link #DEFAULT_MAX_DEPTH} levels. */
    public static StrictJsonResult<JsonObject> parseObject(byte[] bytes, int maxBytes) {
        return parseObject(bytes, maxBytes, DEFAULT_MAX_DEPTH);
    }

    /** An object of at most {@code maxBytes} bytes and {@code maxDepth} levels. */
    public static StrictJsonResult<JsonObject> parseObject(byte[] bytes, int maxBytes, int maxDepth) {
        StrictJsonResult<JsonValue> any = parseValue(bytes, maxBytes, maxDepth);
        if (!any.isSuccess()) {
            return any.asFailure();
        }
        JsonValue value = any.value().orElseThrow();
        if (value instanceof JsonObject object) {
            return StrictJsonResult.success(object);
        }
        return StrictJsonResult.failure(
                StrictJsonError.NOT_AN_OBJECT, "the JSON text is " + typeName(value) + ", not an object", "");
    }

    /** Any JSON value of at most {@code maxBytes} bytes and {@link #DEFAULT_MAX_DEPTH} levels. */
    public static StrictJsonResult<JsonValue> parseValue(byte[] bytes, int maxBytes) {
        return parseValue(bytes, maxBytes, DEFAULT_MAX_DEPTH);
    }

    /** Any JSON value of at most {@code maxBytes} bytes and {@code maxDepth} levels. */
    public static StrictJsonResult<JsonValue> parseValue(byte[] bytes, int maxBytes, int maxDepth) {
        if (bytes == null || bytes.length == 0) {
            return StrictJsonResult.failure(StrictJsonError.NOT_JSON, "no content", "");
        }
        if (bytes.length > maxBytes) {
            return StrictJsonResult.failure(
                    StrictJsonError.TOO_LARGE,
                    bytes.length + " bytes, more than the limit of " + Math.max(maxBytes, 0),
                    "");
        }
        if (startsWithBom(bytes)) {
            return StrictJsonResult.failure(StrictJsonError.NOT_UTF8, "byte order mark", "");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never yields more UTF-16 units than bytes
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isUnderflow()) {
            return StrictJsonResult.failure(
                    StrictJsonError.NOT_UTF8, "malformed UTF-8 at byte offset " + in.position(), "");
        }
        result = decoder.flush(out);
        if (!result.isUnderflow()) {
            return StrictJsonResult.failure(StrictJsonError.NOT_UTF8, "truncated UTF-8 sequence at the end", "");
        }
        out.flip();
        return parseText(out.toString(), Math.max(maxDepth, 1));
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
    }

    private static StrictJsonResult<JsonValue> parseText(String text, int maxDepth) {
        JsonProvider provider = Providers.JSON;
        Builder builder = new Builder(provider, maxDepth);
        try (JsonParser parser = provider.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return StrictJsonResult.failure(StrictJsonError.NOT_JSON, "no JSON value", "");
            }
            JsonValue value = builder.value(parser, parser.next(), 0);
            boolean more;
            try {
                more = parser.hasNext();
            } catch (RuntimeException e) {
                more = true;
            }
            if (more) {
                return StrictJsonResult.failure(StrictJsonError.NOT_JSON, "content after the JSON value", "");
            }
            return StrictJsonResult.success(value);
        } catch (Refusal refusal) {
            return StrictJsonResult.failure(refusal.error, refusal.detail, refusal.path);
        } catch (RuntimeException e) {
            // JsonParsingException, JsonException, NumberFormatException, NoSuchElementException…
            String message = e.getMessage();
            return StrictJsonResult.failure(
                    StrictJsonError.NOT_JSON,
                    message == null || message.isBlank() ? e.getClass().getSimpleName() : message,
                    "");
        }
    }

    /** The JSON type of a value in words ("an object", "a string", ...), for error messages. */
    public static String typeName(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    /** Builds values from parser events, tracking the path for error reports. */
    private static final class Builder {
        private final JsonProvider provider;
        private final int maxDepth;
        /** Path segments: a String member name or an Integer array index. */
        private final List<Object> path = new ArrayList<>();

        Builder(JsonProvider provider, int maxDepth) {
            this.provider = provider;
            this.maxDepth = maxDepth;
        }

        JsonValue value(JsonParser parser, Event event, int depth) {
            switch (event) {
                case START_OBJECT:
                    return object(parser, depth + 1);
                case START_ARRAY:
                    return array(parser, depth + 1);
                case VALUE_STRING:
                    return provider.createValue(checked(parser.getString()));
                case VALUE_NUMBER:
                    return provider.createValue(parser.getBigDecimal());
                case VALUE_TRUE:
                    return JsonValue.TRUE;
                case VALUE_FALSE:
                    return JsonValue.FALSE;
                case VALUE_NULL:
                    return JsonValue.NULL;
                default:
                    throw new Refusal(StrictJsonError.NOT_JSON, "unexpected " + event, render());
            }
        }

        private JsonObject object(JsonParser parser, int depth) {
            if (depth > maxDepth) {
                throw new Refusal(StrictJsonError.TOO_DEEP, "more than " + maxDepth + " nested levels", render());
            }
            JsonObjectBuilder object = provider.createObjectBuilder();
            Set<String> names = new HashSet<>();
            while (true) {
                Event event = parser.next();
                if (event == Event.END_OBJECT) {
                    return object.build();
                }
                if (event != Event.KEY_NAME) {
                    throw new Refusal(StrictJsonError.NOT_JSON, "expected a member name, got " + event, render());
                }
                String name = checked(parser.getString());
                path.add(name);
                if (!names.add(name)) {
                    throw new Refusal(StrictJsonError.DUPLICATE_MEMBER, name, render());
                }
                object.add(name, value(parser, parser.next(), depth));
                path.remove(path.size() - 1);
            }
        }

        private JsonValue array(JsonParser parser, int depth) {
            if (depth > maxDepth) {
                throw new Refusal(StrictJsonError.TOO_DEEP, "more than " + maxDepth + " nested levels", render());
            }
            JsonArrayBuilder array = provider.createArrayBuilder();
            int index = 0;
            while (true) {
                Event event = parser.next();
                if (event == Event.END_ARRAY) {
                    return array.build();
                }
                path.add(index++);
                array.add(value(parser, event, depth));
                path.remove(path.size() - 1);
            }
        }

        /** Refuses strings with an unpaired surrogate (only possible through escapes). */
        private String checked(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new Refusal(
                            StrictJsonError.NOT_UTF8,
                            String.format("escaped unpaired surrogate \\u%04x", (int) c),
                            render());
                }
            }
            return s;
        }

        private String render() {
            StringBuilder sb = new StringBuilder();
            for (Object segment : path) {
                if (segment instanceof Integer index) {
                    sb.append('[').append(index).append(']');
                } else {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(segment);
                }
            }
            return sb.toString();
        }
    }

    /** Internal early exit; never leaves this class. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient StrictJsonError error;
        final String detail;
        final String path;

        Refusal(StrictJsonError error, String detail, String path) {
            super(detail, null, false, false);
            this.error = error;
            this.detail = detail;
            this.path = path;
        }
    }

    /** The JSON-P provider, looked up once (the lookup scans the class path). */
    private static final class Providers {
        static final JsonProvider JSON = Jsonp.PROVIDER;
    }
}
