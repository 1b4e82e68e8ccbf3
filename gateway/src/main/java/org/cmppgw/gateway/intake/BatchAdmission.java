package org.cmppgw.gateway.intake;


import java.util.List;
import java.util.Map;

/**
 * What admission made of a batch: the accepted messages (with the mobile each was requested with, for the answer)
 * and the refused recipients with their codes.
 *
 * @param accepted        one message per accepted recipient, in request order
 * @param acceptedMobiles the mobile of each accepted message as the client wrote it
 * @param failures        refused recipients, in request order
 */
public record BatchAdmission(List<AcceptedMessage> accepted, List<String> acceptedMobiles, List<Failure> failures) {
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
