package org.cmppgw.cmpp.tool;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import org.cmppgw.cmpp.CmppVersion;
import org.cmppgw.cmpp.pdu.CmppPdu;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a decoded PDU as one pretty-printed JSON object: {@code command}, {@code version}, then every field of
 * {@link PduFields} under its wire name. A name that repeats (the {@code Dest_terminal_Id}s of a group send) becomes
 * one array in wire order. Fields are shown as the frame's {@link WireLayout} says they were received; when the peer
 * used a variant the decoder tolerates (docs/cmpp-protocol.md §15), a {@code note} names it.
 */
final class PduJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private PduJson() {
    }

    static void write(CmppPdu pdu, CmppVersion version, WireLayout layout, OutputStream out) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setPrettyPrinter(printer);
            json.writeStartObject();
            json.writeStringField("command", pdu.commandId().name());
            json.writeStringField("version", version.label());
            for (Map.Entry<String, List<PduField>> entry : byName(PduFields.of(pdu, version, layout)).entrySet()) {
                json.writeFieldName(entry.getKey());
                writeValues(json, entry.getValue());
            }
            if (!layout.variants().isEmpty()) {
                String variants = layout.variants().size() == 1 ? "tolerated variant" : "tolerated variants";
                json.writeStringField("note", variants + " (docs/cmpp-protocol.md §15): "
                    + String.join("; ", layout.variants()) + "; every field is shown as received");
            }
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static Map<String, List<PduField>> byName(List<PduField> fields) {
        Map<String, List<PduField>> byName = new LinkedHashMap<>();
        for (PduField field : fields) {
            byName.computeIfAbsent(field.name(), name -> new ArrayList<>()).add(field);
        }
        return byName;
    }

    private static void writeValues(JsonGenerator json, List<PduField> fields) throws IOException {
        if (fields.size() == 1) {
            writeValue(json, fields.get(0));
            return;
        }
        json.writeStartArray();
        for (PduField field : fields) {
            writeValue(json, field);
        }
        json.writeEndArray();
    }

    private static void writeValue(JsonGenerator json, PduField field) throws IOException {
        if (field.value() instanceof Long number) {
            json.writeNumber(number);
        } else {
            json.writeString((String) field.value());
        }
    }
}
