/*
 * cidr.c - Fn::Cidr: count subnets of cidrBits host bits carved in order
 * from an IPv4 or IPv6 block.
 *
 * Doc: intrinsic-function-reference-cidr.html ("count: valid range is
 * between 1 and 256"; "cidrBits ... subtract from 32 for IPv4 or 128 for
 * IPv6").  Addresses are handled as 16 big-endian bytes (IPv4 in the last
 * four); a block written with host bits set is taken from its network
 * address.  IPv6 results are printed in RFC 5952 form by inet_ntop.
 */
#include "eval/eval_int.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct block {
	unsigned char addr[16]; /* big-endian; IPv4 in addr[12..15] */
	int bits;               /* 32 or 128 */
	int prefix;             /* the block's prefix length */
};

static int parse_block(const char *text, struct block *b)
{
	const char *slash = strrchr(text, '/');
	char *host, *end;
	long prefix;
	int ok;

	if (!slash || !slash[1])
		return -1;
	errno = 0;
	prefix = strtol(slash + 1, &end, 10);
	if (*end || errno || prefix < 0)
		return -1;
	host = xstrndup(text, (size_t)(slash - text));
	memset(b, 0, sizeof(*b));
	if (strchr(host, ':')) {
		ok = inet_pton(AF_INET6, host, b->addr) == 1;
		b->bits = 128;
	} else {
		ok = inet_pton(AF_INET, host, b->addr + 12) == 1;
		b->bits = 32;
	}
	free(host);
	if (!ok || prefix > b->bits)
		return -1;
	b->prefix = (int)prefix;
	return 0;
}

/* Clears the host bits (bit i counts from the most significant of the
 * address, which starts at byte 16 - bits / 8). */
static void clear_from(unsigned char *addr, int bits, int from)
{
	int i, base = (128 - bits);

	for (i = base + from; i < 128; i++)
		addr[i / 8] &= (unsigned char)~(0x80 >> (i % 8));
}

/* addr += k << shift, 128-bit big-endian. */
static void add_shifted(unsigned char *addr, unsigned long k, int shift)
{
	unsigned carry = 0;
	int byte = 15 - shift / 8, i;
	unsigned long v = k << (shift % 8);

	for (i = byte; i >= 0 && (v || carry); i--) {
		unsigned sum = addr[i] + (unsigned)(v & 0xff) + carry;
		addr[i] = (unsigned char)sum;
		carry = sum >> 8;
		v >>= 8;
	}
}

/* Writes v (< 1000) in decimal at text + n; returns the new length. */
static size_t put_decimal(char *text, size_t n, unsigned v)
{
	if (v >= 100)
		text[n++] = (char)('0' + v / 100);
	if (v >= 10)
		text[n++] = (char)('0' + v / 10 % 10);
	text[n++] = (char)('0' + v % 10);
	return n;
}

static void format_subnet(struct strbuf *out, const struct block *b,
			  const unsigned char *addr, int prefix)
{
	char text[INET6_ADDRSTRLEN + 8];
	size_t n = 0;
	int i;

	if (b->bits == 32) { /* dotted quad by hand: inet_ntop is a sprintf */
		for (i = 12; i < 16; i++) {
			n = put_decimal(text, n, addr[i]);
			text[n++] = i < 15 ? '.' : '/';
		}
	} else {
		inet_ntop(AF_INET6, addr, text, INET6_ADDRSTRLEN);
		n = strlen(text);
		text[n++] = '/';
	}
	n = put_decimal(text, n, (unsigned)prefix); /* 0..128 */
	strbuf_add(out, text, n);
}

struct value *eval_cidr(struct srcpos pos, const char *text, long count, long cidr_bits,
			const char **err)
{
	struct strbuf sb = STRBUF_INIT;
	struct value *list;
	struct block b;
	unsigned char addr[16];
	long k;
	int new_prefix;

	if (parse_block(text, &b) < 0) {
		*err = "the first element of Fn::Cidr must be an IPv4 or IPv6 CIDR block";
		return NULL;
	}
	if (count < 1 || count > 256) {
		*err = "the count of Fn::Cidr must be between 1 and 256";
		return NULL;
	}
	if (cidr_bits < 0 || cidr_bits > b.bits - b.prefix) {
		*err = "the cidrBits of Fn::Cidr leave fewer bits than the block's prefix";
		return NULL;
	}
	new_prefix = b.bits - (int)cidr_bits;
	if (new_prefix - b.prefix < 9 && count > (1L << (new_prefix - b.prefix))) {
		*err = "the block is too small for that many subnets of that size";
		return NULL;
	}
	clear_from(b.addr, b.bits, b.prefix);
	list = value_list(pos);
	for (k = 0; k < count; k++) {
		memcpy(addr, b.addr, sizeof(addr));
		add_shifted(addr, (unsigned long)k, (int)cidr_bits);
		strbuf_reset(&sb);
		format_subnet(&sb, &b, addr, new_prefix);
		value_list_append(list, value_string(pos, sb.buf));
	}
	strbuf_release(&sb);
	return list;
}

/* Reads a resolved whole number: 0 and *n, 1 unknown, -1 invalid. */
static int read_long(const struct value *v, long *n)
{
	const char *text = v ? value_scalar_text(v) : NULL; /* borrowed */
	char *end;
	int rc = -1;

	if (v && v->kind == VALUE_UNKNOWN)
		rc = 1;
	else if (text && v->kind != VALUE_BOOL) {
		errno = 0;
		*n = strtol(text, &end, 10);
		rc = *text && !*end && !errno ? 0 : -1;
	}
	return rc;
}

struct value *eval_fn_cidr(struct eval_site *s, const struct value *call, const struct value *arg)
{
	struct value *args[3] = { NULL, NULL, NULL }, *r = NULL;
	const char *err = "Fn::Cidr requires a list of three elements: an IP block, a count "
			  "and the number of subnet bits";
	long count = 0, bits = 0;
	struct finding *f;
	int i, rc_count, rc_bits;

	if (value_list_len(arg) == 3) {
		for (i = 0; i < 3; i++)
			args[i] = eval_child(s, NULL, (size_t)i, value_list_get(arg, (size_t)i));
		rc_count = read_long(args[1], &count);
		rc_bits = read_long(args[2], &bits);
		for (i = 0; i < 3 && !r; i++)
			if (args[i] && args[i]->kind == VALUE_UNKNOWN)
				r = eval_unknown_from(call->pos, args[i]);
		if (!r && value_is_string(args[0]) && !rc_count && !rc_bits)
			r = eval_cidr(call->pos, args[0]->u.string.s, count, bits, &err);
	}
	for (i = 0; i < 3; i++)
		value_free(args[i]);
	if (r)
		return r;
	f = eval_error(s, call, FC_FUNCTION_ERROR, "Template error: %s", err);
	finding_set_fix(f, "write Fn::Cidr [\"10.0.0.0/16\", count, cidrBits]: count from 1 to "
		       "256, cidrBits = 32 (IPv4) or 128 (IPv6) minus the subnet's prefix length");
	return eval_failed(call, "Fn::Cidr");
}
