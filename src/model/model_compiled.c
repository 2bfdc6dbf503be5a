/*
 * model_compiled.c - the compiled form of the overlay files
 * (models/compiled/overlay.dat, written at build time by tools/overlaygen):
 * value trees with their YAML positions in a length-prefixed text form that
 * is read without libyaml, an index of services with the hash of the YAML
 * each was compiled from, and the records of one type found by a scan.
 */
#include "load/load.h"
#include "model/model_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "value/value_arena.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "#cfn-dryrun-overlay 1\n"

uint64_t model_compiled_hash(const char *buf, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ len, w;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, buf + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++) {
		h = (h ^ (unsigned char)buf[i]) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	return h ^ (h >> 32);
}

char *model_compiled_read(const char *path, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (size_t)st.st_size <= LOAD_MAX_BYTES) {
		buf = xmalloc((size_t)st.st_size + 1);
		xprefault(buf, (size_t)st.st_size + 1); /* one call, not a fault a page */
		while (got < (size_t)st.st_size) {
			ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		if (got < (size_t)st.st_size) {
			free(buf);
			buf = NULL;
		} else {
			buf[got] = '\0';
			*len = got;
		}
	}
	close(fd);
	return buf;
}

/* ---- Writing ---- */

static void add_pos(struct strbuf *sb, struct srcpos pos)
{
	strbuf_add_size(sb, pos.line);
	strbuf_addch(sb, ',');
	strbuf_add_size(sb, pos.col);
	strbuf_addch(sb, ' ');
}

static void add_str(struct strbuf *sb, const char *s, size_t len)
{
	strbuf_add_size(sb, len);
	strbuf_addch(sb, ':');
	strbuf_add(sb, s, len);
}

/* The depth is the loaded tree's, bounded by LOAD_MAX_DEPTH. */
int model_compiled_encode(struct strbuf *sb, const struct value *v)
{
	int rc = 0;

	switch (v->kind) {
	case VALUE_NULL:
		strbuf_addch(sb, 'n');
		add_pos(sb, v->pos);
		return 0;
	case VALUE_BOOL:
		strbuf_addch(sb, v->u.boolean ? 't' : 'f');
		add_pos(sb, v->pos);
		return 0;
	case VALUE_NUMBER:
		strbuf_addch(sb, 'd');
		add_pos(sb, v->pos);
		strbuf_addf(sb, "%a ", v->u.number.num);
		add_str(sb, v->u.number.text, strlen(v->u.number.text));
		return 0;
	case VALUE_STRING:
		strbuf_addch(sb, 's');
		add_pos(sb, v->pos);
		add_str(sb, v->u.string.s, v->u.string.len);
		return 0;
	case VALUE_LIST:
		strbuf_addch(sb, 'l');
		add_pos(sb, v->pos);
		strbuf_add_size(sb, v->u.list.n);
		strbuf_addch(sb, ' ');
		VALUE_LIST_FOREACH(v, it)
			rc |= model_compiled_encode(sb, *it);
		return rc;
	case VALUE_MAP:
		strbuf_addch(sb, 'm');
		add_pos(sb, v->pos);
		strbuf_add_size(sb, v->u.map.n);
		strbuf_addch(sb, ' ');
		VALUE_MAP_FOREACH(v, e) {
			add_pos(sb, e->key_pos);
			add_str(sb, e->key, strlen(e->key));
			rc |= model_compiled_encode(sb, e->val);
		}
		return rc;
	default:
		return -1;
	}
}

void model_compiled_header(struct strbuf *sb)
{
	strbuf_addstr(sb, HEADER);
}

void model_compiled_record(struct strbuf *sb, char kind, const char *type, const char *enc,
			   size_t len)
{
	strbuf_addch(sb, kind);
	strbuf_addch(sb, '\t');
	strbuf_addstr(sb, type);
	strbuf_addch(sb, '\t');
	strbuf_add_size(sb, len);
	strbuf_addch(sb, '\t');
	strbuf_add(sb, enc, len);
	strbuf_addch(sb, '\n');
}

/* ---- Reading ---- */

struct reader {
	char *p, *end;             /* the unread bytes */
	uint32_t file;             /* srcfile index of the YAML file */
	struct value_arena *a;     /* borrowed: where the tree is built */
	struct value_entry *stack; /* owned: members of the open containers, stacked
				      until their node is filled */
	size_t n, cap;
	char *tmp;                 /* owned: a number's text, NUL-terminated */
	size_t tmp_cap;
};

/* A decimal number followed by the byte stop. */
static bool read_num(struct reader *r, char stop, size_t *out)
{
	size_t n = 0, digits = 0;

	while (r->p < r->end && *r->p >= '0' && *r->p <= '9' && digits < 18) {
		n = n * 10 + (size_t)(*r->p++ - '0');
		digits++;
	}
	if (!digits || r->p >= r->end || *r->p != stop)
		return false;
	r->p++;
	*out = n;
	return true;
}

static bool read_pos(struct reader *r, struct srcpos *pos)
{
	size_t line, col;

	if (!read_num(r, ',', &line) || !read_num(r, ' ', &col) || line > UINT32_MAX ||
	    col > UINT32_MAX)
		return false;
	*pos = srcpos_make(r->file, (uint32_t)line, (uint32_t)col);
	return true;
}

static bool read_str(struct reader *r, char **s, size_t *len)
{
	if (!read_num(r, ':', len) || *len > (size_t)(r->end - r->p) ||
	    memchr(r->p, '\0', *len))
		return false;
	*s = r->p;
	r->p += *len;
	return true;
}

static struct value *decode(struct reader *r, int depth);

/* The len bytes at s, NUL-terminated in r->tmp (borrowed until the next
 * call). */
static char *scratch(struct reader *r, const char *s, size_t len)
{
	if (r->tmp_cap < len + 1)
		XGROW(r->tmp, r->tmp_cap, len + 1);
	memcpy(r->tmp, s, len);
	r->tmp[len] = '\0';
	return r->tmp;
}

static struct value *decode_number(struct reader *r, struct srcpos pos)
{
	char *sp = memchr(r->p, ' ', (size_t)(r->end - r->p)), *text;
	char *stop;
	size_t len;
	double num;

	if (!sp || sp == r->p)
		return NULL;
	num = strtod(scratch(r, r->p, (size_t)(sp - r->p)), &stop);
	r->p = sp + 1;
	if (*stop || isnan(num) || !read_str(r, &text, &len))
		return NULL;
	return value_number_in(r->a, pos, num, scratch(r, text, len));
}

/* Whether the keys of map (filled) are distinct. */
static bool distinct_keys(const struct value *map)
{
	size_t i;

	for (i = 0; i < map->u.map.n; i++)
		if (value_map_entry(map, map->u.map.entries[i].key) != &map->u.map.entries[i])
			return false;
	return true;
}

static struct value *decode_container(struct reader *r, char kind, struct srcpos pos,
				      int depth)
{
	struct value *c = kind == 'l' ? value_list_in(r->a, pos) : value_map_in(r->a, pos);
	size_t n, i, first = r->n;
	bool ok = false;

	if (!read_num(r, ' ', &n))
		goto out;
	for (i = 0; i < n; i++) {
		struct value_entry *e;
		struct srcpos key_pos = SRCPOS_NONE;
		char *key = NULL;
		size_t key_len = 0;
		struct value *item;

		if (kind == 'm' && (!read_pos(r, &key_pos) || !read_str(r, &key, &key_len)))
			goto out;
		if (!(item = decode(r, depth + 1)))
			goto out;
		if (r->n == r->cap)
			XGROW(r->stack, r->cap, r->n + 1);
		e = &r->stack[r->n++];
		e->key = kind == 'm' ? value_arena_strndup(r->a, key, key_len) : NULL;
		e->key_pos = key_pos;
		e->val = item;
	}
	if (kind == 'l') {
		value_arena_list_fill(c, r->stack + first, r->n - first);
		ok = true;
	} else {
		value_arena_map_fill(c, r->stack + first, r->n - first);
		ok = distinct_keys(c);
	}
out:
	r->n = first; /* (a damaged tree's nodes go with the arena) */
	return ok ? c : NULL;
}

static struct value *decode(struct reader *r, int depth)
{
	struct srcpos pos;
	char *s;
	size_t len;
	char kind;

	if (depth > LOAD_MAX_DEPTH || r->p >= r->end)
		return NULL;
	kind = *r->p++;
	if (!read_pos(r, &pos))
		return NULL;
	switch (kind) {
	case 'n': return value_null_in(r->a, pos);
	case 't': return value_bool_in(r->a, pos, true);
	case 'f': return value_bool_in(r->a, pos, false);
	case 'd': return decode_number(r, pos);
	case 's': return read_str(r, &s, &len) ? value_string_in(r->a, pos, s, len) : NULL;
	case 'l':
	case 'm': return decode_container(r, kind, pos, depth);
	default: return NULL;
	}
}

struct value *model_compiled_decode(char *buf, size_t len, uint32_t file,
				    struct value_arena *a)
{
	struct reader r = { buf, buf + len, file, a, NULL, 0, 0, NULL, 0 };
	struct value *v = decode(&r, 0);

	free(r.stack);
	free(r.tmp);
	return v && r.p == r.end ? v : NULL;
}

/* One line of the index: "S<TAB>SERVICE<TAB>HASH<TAB>OFFSET<TAB>LENGTH". */
static bool parse_service(char *line, struct model_compiled_service *s)
{
	char *f[5], *end;
	size_t i;

	for (i = 0; i < 5; i++) {
		f[i] = line;
		line = strchr(line, '\t');
		if (i < 4 && !line)
			return false;
		if (line)
			*line++ = '\0';
	}
	if (strcmp(f[0], "S") || !*f[1])
		return false;
	s->hash = strtoull(f[2], &end, 16);
	if (*end || end == f[2])
		return false;
	s->offset = strtoull(f[3], &end, 10);
	if (*end || end == f[3])
		return false;
	s->len = strtoull(f[4], &end, 10);
	if (*end || end == f[4])
		return false;
	s->service = xstrdup(f[1]);
	return true;
}

int model_compiled_open(struct model_compiled *c, char *buf, size_t len)
{
	char *p, *nl;
	size_t cap = 0, body;

	memset(c, 0, sizeof(*c));
	c->buf = buf;
	c->len = len;
	if (len < strlen(HEADER) || memcmp(buf, HEADER, strlen(HEADER)))
		return -1;
	for (p = buf + strlen(HEADER); p < buf + len && *p == 'S'; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(buf + len - p));
		if (!nl)
			return -1;
		*nl = '\0';
		XGROW(c->services, cap, c->n_services + 1);
		if (!parse_service(p, &c->services[c->n_services]))
			return -1;
		c->n_services++;
	}
	if (p >= buf + len || *p != '\n')
		return -1;
	body = (size_t)(p + 1 - buf);
	for (cap = 0; cap < c->n_services; cap++) {
		struct model_compiled_service *s = &c->services[cap];

		if (s->offset > len - body || s->len > len - body - s->offset)
			return -1;
		s->offset += body;
	}
	return 0;
}

void model_compiled_close(struct model_compiled *c)
{
	size_t i;

	for (i = 0; i < c->n_services; i++)
		free(c->services[i].service);
	free(c->services);
	free(c->buf);
	memset(c, 0, sizeof(*c));
}

const struct model_compiled_service *model_compiled_find(const struct model_compiled *c,
							 const char *service)
{
	size_t i;

	for (i = 0; i < c->n_services; i++)
		if (!strcmp(c->services[i].service, service))
			return &c->services[i];
	return NULL;
}

int model_compiled_next(char **p, char *end, struct model_compiled_rec *rec)
{
	char *t1, *t2;
	size_t n = 0;

	if (*p >= end)
		return 0;
	if (end - *p < 2 || (*p)[1] != '\t' || !(t1 = memchr(*p + 2, '\t', (size_t)(end - *p - 2))))
		goto bad;
	t2 = t1 + 1;
	while (t2 < end && *t2 >= '0' && *t2 <= '9' && n < (size_t)1 << 40)
		n = n * 10 + (size_t)(*t2++ - '0');
	if (t2 == t1 + 1 || t2 >= end || *t2 != '\t' || n >= (size_t)(end - t2 - 1) ||
	    t2[1 + n] != '\n')
		goto bad;
	rec->kind = **p;
	rec->type = *p + 2;
	rec->type_len = (size_t)(t1 - *p - 2);
	rec->enc = t2 + 1;
	rec->len = n;
	*p = t2 + 2 + n;
	return 1;
bad:
	*p = end;
	return -1;
}
