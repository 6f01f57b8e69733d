/*
 * Encodes or decodes G.722 (64 kbit/s, 16 kHz samples) with spandsp, whose coder follows the
 * ITU-T reference and passes the ITU test sequences: the independent implementation the
 * media engine's G.722 is compared with, bit for bit.
 *   g722-reference enc in.pcm out.g722     (16-bit little-endian samples in)
 *   g722-reference dec in.g722 out.pcm
 * spandsp's headers are not needed: these are its published functions.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *g722_encode_init(void *s, int rate, int options);
int g722_encode(void *s, uint8_t g722_data[], const int16_t amp[], int len);
void *g722_decode_init(void *s, int rate, int options);
int g722_decode(void *s, int16_t amp[], const uint8_t g722_data[], int len);

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s enc|dec in out\n", argv[0]);
        return 2;
    }
    FILE *in = fopen(argv[2], "rb");
    FILE *out = fopen(argv[3], "wb");
    if (in == NULL || out == NULL) {
        perror("open");
        return 1;
    }
    if (strcmp(argv[1], "enc") == 0) {
        void *state = g722_encode_init(NULL, 64000, 0);
        int16_t amp[320];
        uint8_t code[160];
        size_t n;
        while ((n = fread(amp, sizeof(int16_t), 320, in)) > 0) {
            int bytes = g722_encode(state, code, amp, (int) n);
            fwrite(code, 1, bytes, out);
        }
    } else {
        void *state = g722_decode_init(NULL, 64000, 0);
        uint8_t code[160];
        int16_t amp[320];
        size_t n;
        while ((n = fread(code, 1, 160, in)) > 0) {
            int samples = g722_decode(state, amp, code, (int) n);
            fwrite(amp, sizeof(int16_t), samples, out);
        }
    }
    fclose(in);
    return fclose(out) == 0 ? 0 : 1;
}
