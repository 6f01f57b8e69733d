package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.transport.sip.internal.ToneMeter;
import java.nio.file.Path;

/** A phone's voice, a tone, and the folder where the phone records what it hears: who hears whom is read from there. */
record Voice(int hertz, Path recordings) {
    static Voice of(Path folder, int hertz) {
        return new Voice(hertz, folder.resolve("hears-with-" + hertz));
    }

    /** The phone settings that make a phone say the tone and record. */
    Object[] settings() {
        return new Object[] {"media_source", "tone:" + hertz, "recording_folder", recordings.toString()};
    }

    /** What the phone heard in the call, once the call ended. */
    ToneMeter heard(CallRef call) throws Exception {
        return ToneMeter.of(recordings.resolve("call-" + call + ".wav"));
    }
}
