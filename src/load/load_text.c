/*
 * load_text.c - byte-level checks every input passes before parsing:
 * no NUL bytes, and well-formed UTF-8 (no overlongs, no surrogates, nothing
 * past U+10FFFF).  Errors carry the line and column of the bad byte.
 */
#include "load/load.h"

#include <stdint.h>
#include <string.h>

/* Length of the UTF-8 sequence at s (at most n bytes), or 0 if invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

/* Offset of the first NUL byte or invalid UTF-8 sequence, or len.  Runs of
 * ASCII are checked eight bytes at a time. */
static size_t first_bad(const unsigned char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0, n;

	while (i < len) {
		if (len - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, sizeof(w));
			if (!((w | ((w - ones) & ~w)) & highs)) { /* no byte >= 0x80, none zero */
				i += 8;
				continue;
			}
		}
		if (s[i] == '\0' || !(n = utf8_seq_len(s + i, len - i)))
			return i;
		i += n;
	}
	return len;
}

int load_check_text(uint32_t file, const char *buf, size_t len, struct diag_list *dl)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t bad = first_bad(s, len), i;
	uint32_t line = 1, col = 1;

	if (bad == len)
		return 0;
	for (i = 0; i < bad; i++) { /* valid UTF-8 up to bad: count its characters */
		if (s[i] == '\n')
			line++, col = 1;
		else if ((s[i] & 0xC0) != 0x80)
			col++;
	}
	if (s[bad] == '\0')
		diag_error(dl, srcpos_make(file, line, col), "NUL byte in input (binary file?)");
	else
		diag_error(dl, srcpos_make(file, line, col), "invalid UTF-8 byte 0x%02X", s[bad]);
	return -1;
}
