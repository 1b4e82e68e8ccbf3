package org.cmppgw.gateway.intake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What admission made of a batch: the accepted messages (with the mobile each was requested with, for the answer)
 * and the refused recipients with their codes.
 *
 * @param accepted        one message per accepted recipient, in request order
 * @param acceptedMobiles the mobile of each accepted message as the client wrote it
 * @param failures        refused recipients, in request order
 * @param acceptedParams  the {@code temp_para} of each accepted message as sent (entries may be null), echoed if the
 *                        store's per-mobile rules refuse it
 */
public record BatchAdmission(List<AcceptedMessage> accepted, List<String> acceptedMobiles, List<Failure> failures,
                             List<Map<String, String>> acceptedParams) {
    /**
     * What the batch became once the store decided: the accepted messages it refused (negative entries of
     * {@code ids}, see {@link MessageIntake#accept}) join the failures, after those refused earlier.
     *
     * @param ids one entry per accepted message
     * @return the final admission and the msg ids of its accepted messages
     */
    public Stored stored(long[] ids) {
        boolean anyRefused = false;
        for (long id : ids) {
            anyRefused |= MessageIntake.refusal(id) != null;
        }
        if (!anyRefused) {
            return new Stored(this, ids);
        }
        List<Failure> allFailures = new ArrayList<>(failures);
        List<AcceptedMessage> kept = new ArrayList<>(ids.length);
        List<String> keptMobiles = new ArrayList<>(ids.length);
        long[] keptIds = new long[ids.length];
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            ApiError refusal = MessageIntake.refusal(ids[i]);
            if (refusal != null) {
                allFailures.add(new Failure(refusal, acceptedMobiles.get(i), acceptedParams.get(i)));
            } else {
                kept.add(accepted.get(i));
                keptMobiles.add(acceptedMobiles.get(i));
                keptIds[n++] = ids[i];
            }
        }
        return new Stored(new BatchAdmission(kept, keptMobiles, allFailures, List.of()), Arrays.copyOf(keptIds, n));
    }

    /**
     * A batch after the store: its admission and the msg ids of its accepted messages.
     *
     * @param admission accepted and refused recipients
     * @param msgIds    one per accepted message
     */
    public record Stored(BatchAdmission admission, long[] msgIds) {
    }

    /**
     * A refused recipient, echoed back to the client.
     *
     * @param error    why
     * @param mobile   as sent (may be null)
     * @param tempPara as sent (may be null)
     */
    public record Failure(ApiError error, String mobile, Map<String, String> tempPara) {
    }
}
