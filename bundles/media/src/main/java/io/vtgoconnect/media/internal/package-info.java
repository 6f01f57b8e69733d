/** The wire formats, codecs, buffers, statistics and threads behind the media API. */
package io.vtgoconnect.media.internal;
