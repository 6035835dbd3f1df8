package io.github.hmmrnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.TwoStepDataset;

/**
 * Reading {@link ModelSpec}s from JSON, and the JSON helpers the codecs share. The codecs are
 * looked up with {@link ServiceLoader} on every call (no registry is cached in static state).
 */
public final class ModelSpecs {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelSpecs() {
    }

    /**
     * Rebuilds a specification written by {@link ModelSpec#toJson()}.
     *
     * @param json the JSON object
     * @return an equal specification
     * @throws IllegalArgumentException if the text is not JSON, has no {@code family}, no codec
     *                                  reads that family (the known ones are listed), or a field is invalid
     */
    public static ModelSpec<?> fromJson(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model specification is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject() || !node.hasNonNull("family")) {
            throw new IllegalArgumentException("model specification needs a JSON object with a 'family' field, got "
                    + json);
        }
        String family = node.get("family").asText();
        List<String> known = new ArrayList<>();
        for (ModelSpecCodec c : ServiceLoader.load(ModelSpecCodec.class, ModelSpecs.class.getClassLoader())) {
            if (c.family().equals(family)) {
                return c.read(node);
            }
            known.add(c.family());
        }
        throw new IllegalArgumentException("unknown model family '" + family + "'; families on the class path: "
                + known);
    }

    /**
     * The specification as a JSON tree, as recorded in a fitted model's {@link Provenance}.
     *
     * @param spec a specification
     * @return {@code spec.toJson()} parsed
     */
    public static JsonNode tree(ModelSpec<?> spec) {
        try {
            return MAPPER.readTree(spec.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(spec.family() + " specification wrote invalid JSON", e);
        }
    }

    /**
     * The error of {@link ModelSpec#fit(TwoStepDataset, TwoStepDataset)} on a model without early
     * stopping ({@link ModelSpec#earlyStops()} false): a validation set would be silently ignored,
     * so it is rejected instead.
     *
     * @param spec the specification that was given a validation set
     * @return the exception to throw, naming the model and the call to use
     */
    public static IllegalArgumentException noValidationSet(ModelSpec<?> spec) {
        return new IllegalArgumentException(spec.name() + " has no early stopping and takes no validation set; "
                + "call fit(train)");
    }

    /**
     * @param family the family key
     * @return a new JSON object holding {@code "family": family}, for a spec's {@code toJson}
     */
    public static ObjectNode newObject(String family) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("family", family);
        return n;
    }

    /**
     * @param node a finished specification object
     * @return its compact JSON text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * @param node  a specification object
     * @param field a required field
     * @return the field's node
     * @throws IllegalArgumentException if the field is missing or null
     */
    public static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("model specification of family '" + node.path("family").asText()
                    + "' lacks field '" + field + "'");
        }
        return v;
    }

    /**
     * @param node  a specification object
     * @param field a required numeric field
     * @return its value as a double (exact: Jackson writes the shortest representation that reads back)
     */
    public static double requiredDouble(JsonNode node, String field) {
        return requiredNumber(node, field).doubleValue();
    }

    /**
     * @param node  a specification object
     * @param field a required integer field
     * @return its value
     */
    public static int requiredInt(JsonNode node, String field) {
        JsonNode v = requiredNumber(node, field);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    /**
     * @param node  a specification object
     * @param field a required integer field
     * @return its value
     */
    public static long requiredLong(JsonNode node, String field) {
        JsonNode v = requiredNumber(node, field);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer, got " + v);
        }
        return v.longValue();
    }

    /**
     * @param node  a specification object
     * @param field a required boolean field
     * @return its value
     */
    public static boolean requiredBoolean(JsonNode node, String field) {
        JsonNode v = required(node, field);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("field '" + field + "' must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    /**
     * @param node  a specification object
     * @param field a required enum field, written by name
     * @param type  the enum class
     * @param <E>   the enum type
     * @return the constant
     * @throws IllegalArgumentException if missing or not a constant name (valid ones listed)
     */
    public static <E extends Enum<E>> E requiredEnum(JsonNode node, String field, Class<E> type) {
        String v = required(node, field).asText();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException("field '" + field + "' must be one of "
                + List.of(type.getEnumConstants()) + ", got '" + v + "'");
    }

    /**
     * @param node  a specification object
     * @param field a matrix field, or absent / null
     * @return the matrix, or null when absent
     */
    public static double[][] optionalMatrix(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return MAPPER.convertValue(v, double[][].class);
    }

    /**
     * @param node  a specification object
     * @param field a vector field, or absent / null
     * @return the vector, or null when absent
     */
    public static double[] optionalVector(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return MAPPER.convertValue(v, double[].class);
    }

    /**
     * Writes a matrix (or JSON null).
     *
     * @param node  the object
     * @param field the field
     * @param m     the matrix, or null
     */
    public static void putMatrix(ObjectNode node, String field, double[][] m) {
        node.set(field, m == null ? null : MAPPER.valueToTree(m));
    }

    /**
     * Writes a vector (or JSON null).
     *
     * @param node  the object
     * @param field the field
     * @param v     the vector, or null
     */
    public static void putVector(ObjectNode node, String field, double[] v) {
        node.set(field, v == null ? null : MAPPER.valueToTree(v));
    }

    private static JsonNode requiredNumber(JsonNode node, String field) {
        JsonNode v = required(node, field);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be a number, got " + v);
        }
        return v;
    }
}
