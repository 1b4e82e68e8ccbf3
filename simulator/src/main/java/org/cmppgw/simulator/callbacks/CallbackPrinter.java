package org.cmppgw.simulator.callbacks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cmppgw.simulator.jsms.CallbackListener;
import org.cmppgw.simulator.jsms.JsmsCallback;

import java.io.PrintStream;

/**
 * Prints one compact JSON line per callback, e.g.
 * {@code {"type":"SMS_REPORT","signature":"ok","data":{"msgId":"1","status":4001,...}}}: {@code signature} is
 * {@code ok} or {@code bad}, and {@code data} is the form's {@code data} field re-emitted compactly, or the
 * original text as a JSON string when it is not JSON. A POST that is not a callback form prints
 * {@code {"error":"missing field nonce","body":"..."}}. Every callback with a good signature is acknowledged,
 * whatever its data: the watcher shows what arrives and never makes the gateway retry.
 *
 * <p>Prints on the event loop before the answer is written, so a line is out before the gateway sees its 200.
 */
final class CallbackPrinter implements CallbackListener {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PrintStream out;

    CallbackPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public boolean onCallback(JsmsCallback callback) {
        out.println(line(callback, "ok"));
        return true;
    }

    @Override
    public void onBadSignature(JsmsCallback callback) {
        out.println(line(callback, "bad"));
    }

    @Override
    public void onMalformed(String problem, String body) {
        out.println(NODES.objectNode().put("error", problem).put("body", body));
    }

    /** The line for one callback. */
    static String line(JsmsCallback callback, String signature) {
        ObjectNode line = NODES.objectNode().put("type", callback.type()).put("signature", signature);
        callback.dataJson().ifPresentOrElse(data -> line.set("data", data), () -> line.put("data", callback.data()));
        // JsonNode.toString() writes compact, valid JSON (Jackson 2.10+).
        return line.toString();
    }
}
