package fr.interopsr.json;

import jakarta.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link StrictJson} parse: either the value or the reason it was refused, never
 * an exception (§3.5.2 steps 3 and 6, IR-20).
 *
 * @param value  the parsed value, present exactly when {@code error} is empty
 * @param error  why the input was refused
 * @param detail for {@link StrictJsonError#DUPLICATE_MEMBER} the duplicated name; otherwise a short
 *               English explanation; empty on success
 * @param path   where the problem is, JSON-path-like ({@code a.b[2].c}, member names verbatim);
 *               empty for the document itself or on success
 * @param <T>    the JSON type asked for
 */
public record StrictJsonResult<T extends JsonValue>(
        Optional<T> value, Optional<StrictJsonError> error, String detail, String path) {

    public StrictJsonResult {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(path, "path");
        if (value.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("exactly one of value and error must be present");
        }
    }

    /** A successful parse. */
    public static <T extends JsonValue> StrictJsonResult<T> success(T value) {
        return new StrictJsonResult<>(Optional.of(value), Optional.empty(), "", "");
    }

    /** A refusal. */
    public static <T extends JsonValue> StrictJsonResult<T> failure(StrictJsonError error, String detail, String path) {
        return new StrictJsonResult<>(Optional.empty(), Optional.of(error), detail, path);
    }

    /** True when the input was accepted. */
    public boolean isSuccess() {
        return value.isPresent();
    }

    /** The same refusal typed for another JSON type; only for failures. */
    <U extends JsonValue> StrictJsonResult<U> asFailure() {
        return failure(error.orElseThrow(), detail, path);
    }

    /** One line for logs and traces, e.g. {@code DUPLICATE_MEMBER "alg" at alg}. */
    public String describe() {
        if (isSuccess()) {
            return "OK";
        }
        StringBuilder sb = new StringBuilder(error.orElseThrow().name());
        if (!detail.isEmpty()) {
            sb.append(' ').append(error.get() == StrictJsonError.DUPLICATE_MEMBER ? '"' + detail + '"' : detail);
        }
        if (!path.isEmpty()) {
            sb.append(" at ").append(path);
        }
        return sb.toString();
    }
}
