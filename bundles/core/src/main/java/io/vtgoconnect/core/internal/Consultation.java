package io.vtgoconnect.core.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.ErrorCode;

/**
 * A transfer or conference started with TransferInitiate or ConferenceInitiate and not yet
 * committed or cancelled: the call put on hold and the call to the consulted party.
 */
record Consultation(Kind kind, CallRef primary, CallRef consult) {

    /** The two kinds, with the error code and the words their commands answer with. */
    enum Kind {
        TRANSFER(ErrorCode.ERROR_TRANSFER, "transfer", "Transfer", "transfer"),
        CONFERENCE(ErrorCode.ERROR_CONFERENCE, "conference", "Conference", "add to a conference");

        private final ErrorCode error;
        private final String noun;
        private final String commandPrefix;
        private final String purpose;

        Kind(ErrorCode error, String noun, String commandPrefix, String purpose) {
            this.error = error;
            this.noun = noun;
            this.commandPrefix = commandPrefix;
            this.purpose = purpose;
        }

        ErrorCode error() {
            return error;
        }

        /** As in "the transfer". */
        String noun() {
            return noun;
        }

        /** The start of its commands' names: Transfer for TransferInitiate, TransferCommit, TransferCancel. */
        String commandPrefix() {
            return commandPrefix;
        }

        /** What is done to the connected call, as in "no connected call to transfer". */
        String purpose() {
            return purpose;
        }
    }

    boolean involves(CallRef call) {
        return primary.equals(call) || consult.equals(call);
    }
}
