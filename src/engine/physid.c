/*
 * physid.c - deterministic names for simulated resources (see physid.h).
 */
#include "engine/physid.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <stdlib.h>

uint64_t physid_hash(const char *a, const char *b)
{
	uint64_t h = 14695981039346656037ull;

	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ull;
	h = (h ^ '/') * 1099511628211ull;
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ull;
	return h;
}

void physid_suffix(uint64_t hash, char *out, size_t n, int lowercase)
{
	const char *digits = lowercase ? "0123456789abcdefghijklmnopqrstuvwxyz"
				       : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t i;

	for (i = 0; i < n; i++) {
		out[i] = digits[hash % 36];
		hash /= 36;
		if (!hash)
			hash = 0x9E3779B97F4A7C15ull + i;
	}
	out[n] = '\0';
}

char *physid_name(const char *stack, const char *logical_id)
{
	char suffix[13];

	physid_suffix(physid_hash(stack, logical_id), suffix, 12, 0);
	return xstrfmt("%s-%s-%s", stack, logical_id, suffix);
}

char *physid_name_lower(const char *stack, const char *logical_id, size_t max_len)
{
	struct strbuf sb = STRBUF_INIT;
	char suffix[13];
	size_t keep, i;

	physid_suffix(physid_hash(stack, logical_id), suffix, 12, 1);
	strbuf_addf(&sb, "%s-%s", stack, logical_id);
	for (i = 0; i < sb.len; i++)
		sb.buf[i] = (char)tolower((unsigned char)sb.buf[i]);
	keep = max_len > 13 ? max_len - 13 : 0;
	if (sb.len > keep)
		strbuf_setlen(&sb, keep);
	strbuf_addch(&sb, '-');
	strbuf_addstr(&sb, suffix);
	return strbuf_detach(&sb, NULL);
}

char *physid_stack_arn(const char *partition, const char *region, const char *account,
		       const char *stack)
{
	uint64_t hi = physid_hash(account, stack);
	uint64_t lo = physid_hash(region, stack);

	/* RFC 4122 layout: version 4 nibble, variant 10xx. */
	return xstrfmt("arn:%s:cloudformation:%s:%s:stack/%s/%08x-%04x-4%03x-%04x-%012llx",
		       partition, region, account, stack, (unsigned)(hi >> 32),
		       (unsigned)((hi >> 16) & 0xffff), (unsigned)(hi & 0xfff),
		       (unsigned)(0x8000 | ((lo >> 48) & 0x3fff)),
		       (unsigned long long)(lo & 0xffffffffffffull));
}
