package io.github.hmmrnn.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal NumPy {@code .npy} codec for integer and boolean arrays.
 *
 * <p>Format (NEP 1): magic {@code \x93NUMPY}, major and minor version bytes, header length
 * (uint16 LE in version 1, uint32 LE in versions 2 and 3), an ASCII Python dict literal
 * {@code {'descr': '<i8', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces to a
 * 64-byte boundary and ended by a newline, then the raw data. Read: little-endian int64, int32,
 * int8, uint8 and bool in C order. Written: int64.
 */
final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * A decoded array: values in C order, widened to long.
     *
     * @param shape  dimensions
     * @param values product(shape) values
     */
    record NpyArray(int[] shape, long[] values) {
    }

    /**
     * Decodes an {@code .npy} byte image.
     *
     * @param bytes the file contents
     * @param where file and array name, for messages
     * @throws IllegalArgumentException on a bad magic, header, dtype, Fortran order or truncation
     */
    static NpyArray parse(byte[] bytes, String where) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IllegalArgumentException(where + ": not a NumPy .npy array (bad magic bytes"
                    + (bytes.length < 10 ? ", only " + bytes.length + " bytes" : "") + ")");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(where + ": truncated .npy header (" + bytes.length + " bytes)");
            }
            headerLen = buf.getInt(8);
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(where + ": unsupported .npy format version " + major
                    + " (expected 1, 2 or 3)");
        }
        if (headerLen < 0 || (long) headerStart + headerLen > bytes.length) {
            throw new IllegalArgumentException(where + ": truncated .npy header: declares " + headerLen
                    + " bytes, file has " + (bytes.length - headerStart) + " after the preamble");
        }
        String header = new String(bytes, headerStart, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr", where);
        String fortran = group(FORTRAN, header, "fortran_order", where);
        String shapeText = group(SHAPE, header, "shape", where);
        if (fortran.equals("True")) {
            throw new IllegalArgumentException(where + ": Fortran-order arrays are not supported; save a"
                    + " C-order array (numpy.ascontiguousarray) instead");
        }
        int itemSize = switch (descr) {
            case "<i8" -> 8;
            case "<i4" -> 4;
            case "|i1", "<i1", "|u1", "<u1", "|b1", "<b1" -> 1;
            default -> throw new IllegalArgumentException(where + ": unsupported dtype '" + descr
                    + "'; expected little-endian int64 '<i8', int32 '<i4', int8 '|i1', uint8 '|u1' or bool '|b1'");
        };
        int[] shape = parseShape(shapeText, where);
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int dataStart = headerStart + headerLen;
        long needed = count * itemSize;
        long available = bytes.length - dataStart;
        if (available < needed) {
            throw new IllegalArgumentException(where + ": truncated .npy data: shape " + Arrays.toString(shape)
                    + " of dtype '" + descr + "' needs " + needed + " bytes, found " + available);
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": array of " + count + " elements is too large");
        }
        long[] values = new long[(int) count];
        buf.position(dataStart);
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (descr) {
                case "<i8" -> buf.getLong();
                case "<i4" -> buf.getInt();
                case "|i1", "<i1" -> buf.get();
                case "|b1", "<b1", "|u1", "<u1" -> buf.get() & 0xff;
                default -> throw new IllegalStateException("unreachable dtype " + descr);
            };
        }
        return new NpyArray(shape, values);
    }

    private static String group(Pattern p, String header, String key, String where) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(where + ": .npy header lacks a valid '" + key + "' entry: "
                    + header.trim());
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, String where) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split(",");
        int n = parts.length;
        if (parts[n - 1].isBlank()) {
            n--;
        }
        int[] shape = new int[n];
        for (int i = 0; i < n; i++) {
            try {
                shape[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": bad .npy shape '(" + text + ")'");
            }
            if (shape[i] < 0) {
                throw new IllegalArgumentException(where + ": negative dimension in .npy shape '(" + text + ")'");
            }
        }
        return shape;
    }

    /**
     * Encodes a C-order little-endian int64 array, format version 1.
     *
     * @param shape  dimensions
     * @param values product(shape) values in C order
     * @return the {@code .npy} image
     */
    static byte[] writeInt64(int[] shape, long[] values) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : dims.toString().replaceAll(", $", "");
        String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        // Pad so that preamble (10 bytes) + header is a multiple of 64, newline last.
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + header.length() + values.length * 8);
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write((header.length() >>> 8) & 0xff);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            data.putLong(v);
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
