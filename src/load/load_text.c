/*
 * load_text.c - byte-level checks every input passes before parsing:
 * no NUL bytes, and well-formed UTF-8 (no overlongs, no surrogates, nothing
 * past U+10FFFF).  Errors carry the line and column of the bad byte.
 */
#include "load/load.h"

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

int load_check_text(uint32_t file, const char *buf, size_t len, struct diag_list *dl)
{
	const unsigned char *s = (const unsigned char *)buf;
	uint32_t line = 1, col = 1;
	size_t i = 0;

	while (i < len) {
		size_t n;

		if (s[i] == '\0') {
			diag_error(dl, srcpos_make(file, line, col),
				   "NUL byte in input (binary file?)");
			return -1;
		}
		n = utf8_seq_len(s + i, len - i);
		if (!n) {
			diag_error(dl, srcpos_make(file, line, col),
				   "invalid UTF-8 byte 0x%02X", s[i]);
			return -1;
		}
		if (s[i] == '\n')
			line++, col = 1;
		else
			col++;
		i += n;
	}
	return 0;
}
