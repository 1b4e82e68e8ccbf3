package org.cmppgw.cmpp.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cmppgw.cmpp.CmppVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared golden vectors ({@code cmpp-vectors.json}, docs/cmpp-protocol.md §17) as copied to
 * {@code src/test/resources/golden/}.
 */
public final class GoldenVectors {
    public static final String RESOURCE = "/golden/cmpp-vectors.json";

    private GoldenVectors() {
    }

    /**
     * One vector.
     *
     * @param id       e.g. {@code deliver_v30_report_delivrd}
     * @param versions the link versions it is valid on ("both" gives both)
     * @param command  e.g. {@code CMPP_DELIVER}
     * @param inputs   the values that produced it
     * @param derived  MD5 inputs, Msg_Id print forms, ...
     * @param fields   wire-order fields, header included
     * @param hex      the whole PDU
     * @param json     the vector as it stands in the file
     */
    public record Vector(String id, List<CmppVersion> versions, String command, JsonNode inputs, JsonNode derived,
                         List<GoldenField> fields, String hex, JsonNode json) {
        @Override
        public String toString() {
            return id;
        }
    }

    public static JsonNode root() {
        try (InputStream in = GoldenVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " - not on the test classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
    }

    public static List<Vector> all() {
        List<Vector> vectors = new ArrayList<>();
        for (JsonNode v : root().get("vectors")) {
            String version = v.get("version").asText();
            List<CmppVersion> versions = "both".equals(version)
                ? List.of(CmppVersion.V20, CmppVersion.V30) : List.of(CmppVersion.parse(version));
            List<GoldenField> fields = new ArrayList<>();
            for (JsonNode f : v.get("fields")) {
                fields.add(new GoldenField(f.get("name").asText(), f.get("value")));
            }
            vectors.add(new Vector(v.get("id").asText(), versions, v.get("command").asText(), v.get("inputs"),
                v.get("derived"), List.copyOf(fields), v.get("hex").asText(), v));
        }
        return vectors;
    }

    /** The vector called {@code id}. */
    public static Vector byId(String id) {
        return all().stream().filter(v -> v.id().equals(id)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no vector " + id));
    }
}
