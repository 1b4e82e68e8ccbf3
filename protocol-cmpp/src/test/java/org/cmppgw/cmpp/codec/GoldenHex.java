package org.cmppgw.cmpp.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.cmppgw.cmpp.CmppVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A golden PDU file, {@code src/test/resources/golden/{v20,v30}/NAME.hex} (docs/design.md §10 rule 26): a
 * {@code # source:} line, free {@code #} comment lines, then one line per field, {@code HEX # Field_Name VALUE} with
 * VALUE in the vectors' JSON conventions. The loader keeps the hex digits and strips every comment; the field comments
 * are parsed too, so tests can compare decoded values with what the file states. Files named {@code quirk_*} are
 * carrier deviations (docs/cmpp-protocol.md §15): decode-only, the encoder never produces them.
 */
public final class GoldenHex {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "# source: ";

    private final String name;
    private final CmppVersion version;
    private final String source;
    private final String hex;
    private final List<GoldenField> fields;
    private final List<Integer> offsets;

    private GoldenHex(String name, CmppVersion version, String source, String hex, List<GoldenField> fields,
                      List<Integer> offsets) {
        this.name = name;
        this.version = version;
        this.source = source;
        this.hex = hex;
        this.fields = fields;
        this.offsets = offsets;
    }

    /** Loads {@code golden/<relative>}, e.g. {@code v30/connect_v30.hex}. */
    public static GoldenHex load(String relative) {
        CmppVersion version = relative.startsWith("v20/") ? CmppVersion.V20 : CmppVersion.V30;
        try {
            return parse(relative, version, Files.readString(directory().resolve(relative), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(relative, e);
        }
    }

    /** Every golden file of both versions, sorted by path. */
    public static List<GoldenHex> all() {
        List<GoldenHex> all = new ArrayList<>();
        for (String dir : List.of("v20", "v30")) {
            try (Stream<Path> files = Files.list(directory().resolve(dir))) {
                files.map(p -> dir + "/" + p.getFileName()).filter(n -> n.endsWith(".hex")).sorted()
                    .forEach(n -> all.add(load(n)));
            } catch (IOException e) {
                throw new UncheckedIOException(dir, e);
            }
        }
        return all;
    }

    /** The files in the links' own layouts: decode, and encode back byte for byte. */
    public static List<GoldenHex> canonical() {
        return all().stream().filter(g -> !g.isQuirk()).toList();
    }

    /** The carrier deviations of docs/cmpp-protocol.md §15: decode only. */
    public static List<GoldenHex> quirks() {
        return all().stream().filter(GoldenHex::isQuirk).toList();
    }

    static GoldenHex parse(String name, CmppVersion version, String text) {
        StringBuilder hex = new StringBuilder();
        String source = null;
        List<GoldenField> fields = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            int hash = line.indexOf('#');
            String data = hash < 0 ? line : line.substring(0, hash);
            if (hash == 0 && line.startsWith(SOURCE)) {
                source = line.substring(SOURCE.length()).trim();
            } else if (hash > 0 && !data.isBlank()) {
                fields.add(field(name, line.substring(hash + 1).trim()));
                offsets.add(hex.length() / 2);
            }
            hex.append(data.replaceAll("\\s+", ""));
        }
        if (source == null) {
            throw new IllegalStateException(name + " - no '# source:' line");
        }
        return new GoldenHex(name, version, source, hex.toString().toLowerCase(Locale.ROOT),
            List.copyOf(fields), List.copyOf(offsets));
    }

    private static GoldenField field(String file, String comment) {
        int space = comment.indexOf(' ');
        if (space < 0) {
            throw new IllegalStateException(file + " - field comment without a value: " + comment);
        }
        try {
            JsonNode value = JSON.readTree(comment.substring(space + 1));
            return new GoldenField(comment.substring(0, space), value);
        } catch (IOException e) {
            throw new IllegalStateException(file + " - field comment value is not JSON: " + comment, e);
        }
    }

    private static Path directory() {
        URL url = GoldenHex.class.getResource("/golden");
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("golden resources - not a file URL: " + url, e);
        }
    }

    /** {@code v30/connect_v30.hex}. */
    public String name() {
        return name;
    }

    /** The file name without {@code .hex}. */
    public String id() {
        return name.substring(name.indexOf('/') + 1, name.length() - ".hex".length());
    }

    /** The link version of its directory. */
    public CmppVersion version() {
        return version;
    }

    public String source() {
        return source;
    }

    public boolean isQuirk() {
        return id().startsWith("quirk_");
    }

    /** Lowercase hex of the whole PDU, comments stripped. */
    public String hex() {
        return hex;
    }

    public byte[] bytes() {
        return ByteBufUtil.decodeHexDump(hex);
    }

    /** A new unpooled buffer holding the PDU; the caller releases it (or hands it to a channel). */
    public ByteBuf buffer() {
        return Unpooled.wrappedBuffer(bytes());
    }

    /** The Total_Length stated in the header. */
    public int totalLength() {
        return Integer.parseInt(hex.substring(0, 8), 16);
    }

    /** The fields the comments state, in wire order. */
    public List<GoldenField> fields() {
        return fields;
    }

    /** The value the comments give {@code fieldName} (first occurrence). */
    public JsonNode field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst().map(GoldenField::value)
            .orElseThrow(() -> new IllegalArgumentException(name + " has no field " + fieldName));
    }

    /** Where {@code fieldName} (first occurrence) starts in the PDU, in bytes from the Total_Length. */
    public int offset(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return offsets.get(i);
            }
        }
        throw new IllegalArgumentException(name + " has no field " + fieldName);
    }

    /** The bytes with {@code fieldName}'s first byte replaced by {@code value}: a hostile variant of a good PDU. */
    public byte[] withByte(String fieldName, int value) {
        byte[] bytes = bytes();
        bytes[offset(fieldName)] = (byte) value;
        return bytes;
    }

    @Override
    public String toString() {
        return name;
    }
}
