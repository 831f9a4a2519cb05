package fr.interopsr.provider;

/**
 * {@link ValidationStep#STRUCTURE}, Interops-R §3.5.2 step 1: the VI is a JWS compact serialisation, exactly two
 * {@code .}, and only the b64token characters of IR-7. Establishes the three segments.
 */
final class StructureStep extends Step {

    StructureStep() {
        super(ValidationStep.STRUCTURE);
    }

    @Override
    Verdict check(ValidationContext context) {
        String compact = context.vi();
        // step 1
        if (compact == null || compact.isEmpty()) {
            return fail("empty VI", "the VI is empty");
        }
        String badCharacter = b64tokenProblem(compact);
        if (badCharacter != null) {
            return fail(badCharacter, "the VI holds characters outside those of a Bearer token (IR-7)");
        }
        int first = compact.indexOf('.');
        int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
        if (first < 0 || second < 0 || compact.indexOf('.', second + 1) >= 0) {
            long dots = compact.chars().filter(c -> c == '.').count();
            return fail(
                    dots + " '.' in the VI; a JWS compact serialisation has exactly 2",
                    "the VI must be a JWS compact serialisation with exactly two '.'");
        }
        context.headerSegment = compact.substring(0, first);
        context.payloadSegment = compact.substring(first + 1, second);
        context.signatureSegment = compact.substring(second + 1);
        return Verdict.PASS;
    }

    /**
     * The b64token of RFC 6750 / IR-7 with the dots of a JWS: {@code 1*(ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" /
     * "/") *"="}. Null when it is one, else what is wrong.
     */
    static String b64tokenProblem(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return "the VI is only '='";
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
            if (!ok) {
                return String.format("character U+%04X at offset %d is not a b64token character (IR-7)", (int) c, i);
            }
        }
        return null;
    }
}
