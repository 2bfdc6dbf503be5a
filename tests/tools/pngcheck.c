/*
 * pngcheck.c - test tool: reads an 8-bit RGB or RGBA PNG (what Chromium's
 * --screenshot writes) and prints its size, how many pixels are not white,
 * and how many are close to each colour given as RRGGBB, so a test can
 * tell a rendered page from a blank one.
 * Usage: pngcheck FILE [RRGGBB...]    Exit 0, or 2 when FILE is no such PNG.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MAX_SIDE 20000  /* refuse absurd sizes */
#define NEAR 8          /* per-channel tolerance for a colour match */

struct png {
	uint32_t w, h;        /* size in pixels */
	int channels;         /* 3 (RGB) or 4 (RGBA) */
	unsigned char *pix;   /* owned: h rows of w * channels bytes */
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Undoes the per-row filters of raw (h rows of 1 + stride bytes). */
static int unfilter(struct png *g, const unsigned char *raw)
{
	size_t stride = (size_t)g->w * (size_t)g->channels, y, x;
	int bpp = g->channels;

	for (y = 0; y < g->h; y++) {
		const unsigned char *in = raw + y * (stride + 1) + 1;
		unsigned char *out = g->pix + y * stride, *up = y ? out - stride : NULL;
		int type = raw[y * (stride + 1)];

		for (x = 0; x < stride; x++) {
			int a = x >= (size_t)bpp ? out[x - bpp] : 0, b = up ? up[x] : 0;
			int c = up && x >= (size_t)bpp ? up[x - bpp] : 0, v;

			switch (type) {
			case 0: v = in[x]; break;
			case 1: v = in[x] + a; break;
			case 2: v = in[x] + b; break;
			case 3: v = in[x] + ((a + b) >> 1); break;
			case 4: v = in[x] + paeth(a, b, c); break;
			default: return -1;
			}
			out[x] = (unsigned char)v;
		}
	}
	return 0;
}

static int load(const char *path, struct png *g)
{
	FILE *f = fopen(path, "rb");
	unsigned char sig[8], head[8], *idat = NULL, *raw = NULL, *chunk = NULL;
	size_t n_idat = 0;
	uLongf raw_len;
	int rc = -1;

	memset(g, 0, sizeof(*g));
	if (!f || fread(sig, 1, 8, f) != 8 || memcmp(sig, "\x89PNG\r\n\x1a\n", 8))
		goto out;
	while (fread(head, 1, 8, f) == 8) {
		uint32_t len = be32(head);

		if (len > (1u << 30) || !(chunk = malloc(len + 4u)) || fread(chunk, 1, len + 4u, f) != len + 4u)
			goto out;
		if (!memcmp(head + 4, "IHDR", 4) && len >= 13) {
			g->w = be32(chunk);
			g->h = be32(chunk + 4);
			g->channels = chunk[9] == 6 ? 4 : chunk[9] == 2 ? 3 : 0;
			if (chunk[8] != 8 || !g->channels || chunk[12] || !g->w || !g->h ||
			    g->w > MAX_SIDE || g->h > MAX_SIDE)
				goto out;
		} else if (!memcmp(head + 4, "IDAT", 4)) {
			unsigned char *grown = realloc(idat, n_idat + len);

			if (!grown)
				goto out;
			idat = grown;
			memcpy(idat + n_idat, chunk, len);
			n_idat += len;
		} else if (!memcmp(head + 4, "IEND", 4)) {
			break;
		}
		free(chunk);
		chunk = NULL;
	}
	if (!g->channels || !n_idat)
		goto out;
	raw_len = (uLongf)g->h * ((uLongf)g->w * (uLongf)g->channels + 1);
	raw = malloc(raw_len);
	g->pix = malloc((size_t)g->h * g->w * (size_t)g->channels);
	if (raw && g->pix && uncompress(raw, &raw_len, idat, (uLong)n_idat) == Z_OK &&
	    raw_len == (uLongf)g->h * ((uLongf)g->w * (uLongf)g->channels + 1) &&
	    unfilter(g, raw) == 0)
		rc = 0;
out:
	if (f)
		fclose(f);
	free(chunk);
	free(idat);
	free(raw);
	if (rc < 0) {
		free(g->pix);
		g->pix = NULL;
	}
	return rc;
}

static int near(const unsigned char *p, unsigned rgb)
{
	return abs(p[0] - (int)(rgb >> 16 & 255)) <= NEAR && abs(p[1] - (int)(rgb >> 8 & 255)) <= NEAR &&
	       abs(p[2] - (int)(rgb & 255)) <= NEAR;
}

int main(int argc, char **argv)
{
	struct png g;
	size_t i, n, nonwhite = 0;
	int k;

	if (argc < 2 || load(argv[1], &g) < 0) {
		fprintf(stderr, "pngcheck: %s is not an 8-bit RGB or RGBA PNG\n", argc > 1 ? argv[1] : "?");
		return 2;
	}
	n = (size_t)g.w * g.h;
	for (i = 0; i < n; i++) {
		const unsigned char *p = g.pix + i * (size_t)g.channels;

		nonwhite += p[0] < 240 || p[1] < 240 || p[2] < 240;
	}
	printf("width=%u height=%u nonwhite=%zu\n", g.w, g.h, nonwhite);
	for (k = 2; k < argc; k++) {
		unsigned rgb = (unsigned)strtoul(argv[k], NULL, 16);
		size_t count = 0;

		for (i = 0; i < n; i++)
			count += near(g.pix + i * (size_t)g.channels, rgb);
		printf("%s=%zu\n", argv[k], count);
	}
	free(g.pix);
	return 0;
}
