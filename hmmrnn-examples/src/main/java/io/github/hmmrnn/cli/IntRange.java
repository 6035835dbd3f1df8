package io.github.hmmrnn.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An inclusive integer range written {@code 3} or {@code 1..4}.
 *
 * @param from first value
 * @param to   last value, at least {@code from}
 */
public record IntRange(int from, int to) {

    /**
     * @param text {@code N} or {@code A..B} with A ≤ B
     * @return the range
     * @throws IllegalArgumentException if the text is malformed (the message quotes it)
     */
    public static IntRange parse(String text) {
        String t = text.trim();
        try {
            int dots = t.indexOf("..");
            if (dots < 0) {
                int v = Integer.parseInt(t);
                return new IntRange(v, v);
            }
            int a = Integer.parseInt(t.substring(0, dots).trim());
            int b = Integer.parseInt(t.substring(dots + 2).trim());
            if (b < a) {
                throw new IllegalArgumentException("range '" + text + "' ends before it starts; expected A..B with A <= B");
            }
            return new IntRange(a, b);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed range '" + text + "'; expected N or A..B, e.g. 3 or 1..4");
        }
    }

    /** @return the values in order */
    public List<Integer> values() {
        List<Integer> v = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            v.add(i);
        }
        return v;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + ".." + to;
    }

    /** Picocli converter. */
    static final class Converter implements ITypeConverter<IntRange> {
        @Override
        public IntRange convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
