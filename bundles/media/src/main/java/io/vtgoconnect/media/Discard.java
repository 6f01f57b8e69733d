package io.vtgoconnect.media;

/** The one sink that drops everything ({@link AudioSink#discard()}): one instance, so that a session can tell it apart. */
final class Discard implements AudioSink {
    static final AudioSink SINK = new Discard();

    private Discard() {
    }

    @Override
    public void write(short[] samples, int count) {
    }
}
