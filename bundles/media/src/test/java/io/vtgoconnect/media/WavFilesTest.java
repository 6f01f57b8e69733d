package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.audio.Goertzel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFilesTest {
    @TempDir
    Path folder;

    @Test
    void aRecordingReadsBackWithAudioSystem() throws IOException, UnsupportedAudioFileException {
        Path file = folder.resolve("call.wav");
        // 30 s: more than the recorder's buffer, so that it writes several times.
        short[] tone = ToneSourceTest.read(new ToneSource(8000, 1000), 1500);
        try (WavRecorder recorder = new WavRecorder(file)) {
            for (int at = 0; at < tone.length; at += MediaEngine.FRAME_SAMPLES) {
                short[] frame = Arrays.copyOfRange(tone, at, at + MediaEngine.FRAME_SAMPLES);
                recorder.write(frame, frame.length);
            }
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = in.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
            assertEquals(8000, format.getSampleRate());
            assertEquals(16, format.getSampleSizeInBits());
            assertEquals(1, format.getChannels());
            assertFalse(format.isBigEndian());
            assertEquals(tone.length, in.getFrameLength());
            short[] read = new short[tone.length];
            ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(read);
            assertArrayEquals(tone, read);
        }
    }

    @Test
    void writesAfterCloseAreIgnored() throws IOException {
        Path file = folder.resolve("short.wav");
        WavRecorder recorder = new WavRecorder(file);
        recorder.write(new short[] {1, 2}, 2);
        recorder.close();
        recorder.write(new short[] {3}, 1);
        recorder.close();
        assertEquals(44 + 4, Files.size(file));
    }

    @Test
    void playsAFileOnceThenSilence() throws IOException {
        Path file = write(folder.resolve("prompt.wav"), new AudioFormat(8000, 16, 1, true, false), new short[] {1, 2, 3});
        WavFileSource source = WavFileSource.open(file, false);
        short[] frame = new short[4];
        source.read(frame);
        assertArrayEquals(new short[] {1, 2, 3, 0}, frame);
        assertTrue(source.finished());
    }

    @Test
    void loopsAFile() throws IOException {
        Path file = write(folder.resolve("hold.wav"), new AudioFormat(8000, 16, 1, true, false), new short[] {1, 2, 3});
        WavFileSource source = WavFileSource.open(file, true);
        short[] frame = new short[7];
        source.read(frame);
        assertArrayEquals(new short[] {1, 2, 3, 1, 2, 3, 1}, frame);
        assertFalse(source.finished());
    }

    @Test
    void convertsACdQualityStereoFile() throws IOException {
        AudioFormat cd = new AudioFormat(44100, 16, 2, true, false);
        short[] stereo = new short[2 * 44100];
        for (int i = 0; i < 44100; i++) {
            short sample = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 44100.0));
            stereo[2 * i] = sample;
            stereo[2 * i + 1] = sample;
        }
        WavFileSource source = WavFileSource.open(write(folder.resolve("music.wav"), cd, stereo), false);
        short[] second = ToneSourceTest.read(source, 50);
        assertTrue(Goertzel.dominates(second, 1000, 500, 1500, 2000, 3000));
    }

    @Test
    void aWidebandRecordingAndSourceKeepSixteenKilohertz() throws IOException, UnsupportedAudioFileException {
        Path file = folder.resolve("wideband.wav");
        short[] tone = ToneSourceTest.read(ToneSource.at(16000, 8000, 6000), 50);
        try (WavRecorder recorder = new WavRecorder(file, 16000)) {
            assertEquals(16000, recorder.sampleRate());
            recorder.write(tone, tone.length);
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            assertEquals(16000, in.getFormat().getSampleRate());
            assertEquals(tone.length, in.getFrameLength());
        }
        WavFileSource source = WavFileSource.open(file, false, 16000);
        assertEquals(16000, source.sampleRate());
        assertArrayEquals(tone, ToneSourceTest.read(source, 50));
        short[] narrowband = ToneSourceTest.read(WavFileSource.open(file, false), 50);
        assertTrue(Goertzel.power(narrowband, 1000) < 1e9, "6 kHz does not fold into 8 kHz audio");
    }

    @Test
    void refusesAFileThatIsNotSound() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.wav"), "not a sound");
        assertThrows(IOException.class, () -> WavFileSource.open(file, false));
    }

    private static Path write(Path file, AudioFormat format, short[] samples) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format,
                samples.length / format.getChannels());
        AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }
}
