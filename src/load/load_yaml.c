/*
 * load_yaml.c - YAML (1.1, as CloudFormation reads it) into value trees.
 *
 * Consumes libyaml's event stream with an explicit stack of open
 * collections, so nesting depth costs heap, not C stack, and is capped at
 * LOAD_MAX_DEPTH.  Aliases are expanded by copying the anchored node; the
 * copies are counted against a node budget so alias bombs stop early.
 * Plain scalars get YAML 1.1 types (null, bool, decimal numbers); quoted
 * scalars stay strings.  CloudFormation tags become long-form maps.
 */
#include "load/load.h"
#include "load/load_tags.h"
#include "util/strbuf.h"
#include "value/value_arena.h"
#include "value/value_scratch.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>
#include <yaml.h>

struct anchor {
	char *name;               /* owned */
	const struct value *node; /* the finished node, owned by the tree or by owned */
	struct value *owned;      /* a mapping key's node (the tree keeps only its
				     text), or NULL */
	size_t n_nodes;           /* nodes under it, counted when it finished */
	UT_hash_handle hh;
};

struct frame {
	struct value *node;        /* the open list or map */
	const struct cfn_tag *tag; /* CloudFormation tag to apply at the end */
	char *anchor;              /* owned; anchor to register at the end */
	size_t first_node;         /* node counter when the frame opened */
	const char *key;           /* maps: pending key (owned by the arena), NULL
				      when expecting one */
	struct srcpos key_pos;     /* maps: where the pending key was written */
	struct value_scratch_mark mark; /* its children on the loader's scratch */
};

struct yaml_loader {
	struct value_arena *arena; /* where the tree is built */
	uint32_t file;
	struct diag_list *dl;
	int cfn_tags;              /* accept CloudFormation tags */
	struct frame *stack;       /* open collections */
	struct value_scratch scratch; /* children of the open collections */
	size_t depth, cap;
	struct anchor *anchors;    /* uthash by name */
	struct value *root;        /* finished document root */
	size_t n_nodes;            /* nodes built, copies included */
	size_t n_alias_nodes;      /* nodes built by alias expansion */
	size_t alias_budget;       /* limit for n_alias_nodes */
	int n_documents;
	int failed;
	struct load_meta *meta;    /* alias uses are recorded here when not NULL */
};

static struct srcpos mark_pos(const struct yaml_loader *ld, yaml_mark_t m)
{
	return srcpos_make(ld->file, (uint32_t)m.line + 1, (uint32_t)m.column + 1);
}

static void fail(struct yaml_loader *ld, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct yaml_loader *ld, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	if (ld->failed)
		return;
	va_start(ap, fmt);
	diag_vadd(ld->dl, DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
	ld->failed = 1;
}

/* ---- Scalars ---- */

static int is_one_of(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(s, *words))
			return 1;
	return 0;
}

/* A decimal number as YAML 1.1 and JSON both read it. */
static int is_decimal_number(const char *s)
{
	const char *p = s;
	int digits = 0;

	if (*p == '-' || *p == '+')
		p++;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (digits > 1 && p[-digits] == '0')
		return 0; /* leading zero: octal in YAML 1.1, kept as text */
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++, digits++;
	}
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* True when c may begin what is_decimal_number accepts. */
static bool starts_number(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
}

static struct value *plain_scalar(struct value_arena *a, struct srcpos pos, const char *s,
				  size_t len)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", "yes", "Yes",
					     "YES", "on", "On", "ON", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", "no", "No",
					      "NO", "off", "Off", "OFF", NULL };

	switch (len <= 5 ? s[0] : 'x') { /* those words' first letters (5 bytes at most) */
	case '\0': case '~': case 'n': case 'N': case 't': case 'T':
	case 'y': case 'Y': case 'o': case 'O': case 'f': case 'F':
		if (is_one_of(s, nulls))
			return value_null_in(a, pos);
		if (is_one_of(s, trues))
			return value_bool_in(a, pos, true);
		if (is_one_of(s, falses))
			return value_bool_in(a, pos, false);
		break;
	default:
		break;
	}
	if (starts_number(s[0]) && is_decimal_number(s))
		return value_number_in(a, pos, strtod(s, NULL), s);
	return value_string_in(a, pos, s, len);
}

/* True when a scalar's text holds a NUL byte.  The input has none
 * (load_check_text refused it before parsing), so only the escapes of a
 * double-quoted scalar ("\0", "\x00", "\u0000") can write one. */
static bool has_nul(const yaml_event_t *ev)
{
	return ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	       memchr(ev->data.scalar.value, '\0', ev->data.scalar.length);
}

/* Builds the value of a scalar event, honouring standard YAML tags. */
static struct value *scalar_value(struct yaml_loader *ld, const yaml_event_t *ev,
				  const struct cfn_tag *cfn, struct srcpos pos)
{
	const char *s = (const char *)ev->data.scalar.value;
	const char *tag = (const char *)ev->data.scalar.tag;
	size_t len = ev->data.scalar.length;
	struct value_arena *a = ld->arena;

	if (has_nul(ev)) {
		fail(ld, pos, "NUL character in a scalar is not supported");
		return NULL;
	}
	if (cfn && cfn->arg != CFN_TAG_ANY)
		return value_string_in(a, pos, s, len);
	if (tag && !cfn) {
		if (!strcmp(tag, YAML_STR_TAG) || !strcmp(tag, "!"))
			return value_string_in(a, pos, s, len);
		if (!strcmp(tag, YAML_INT_TAG) || !strcmp(tag, YAML_FLOAT_TAG)) {
			if (!is_decimal_number(s)) {
				fail(ld, pos, "\"%s\" is not a number", s);
				return NULL;
			}
			return value_number_in(a, pos, strtod(s, NULL), s);
		}
		if (!strcmp(tag, YAML_BOOL_TAG) || !strcmp(tag, YAML_NULL_TAG))
			return plain_scalar(a, pos, s, len);
	}
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return value_string_in(a, pos, s, len);
	return plain_scalar(a, pos, s, len);
}

/* ---- Tags ---- */

/* Resolves a node's tag.  Returns 0 and sets *cfn (NULL for none) when the
 * tag is acceptable on a node of the given kind, -1 after reporting. */
static int check_given_tag(struct yaml_loader *ld, const char *tag, int is_scalar,
			   struct srcpos pos, const struct cfn_tag **cfn)
{
	*cfn = NULL;
	if (!strcmp(tag, "!"))
		return 0;
	if (!strncmp(tag, "tag:yaml.org,2002:", 18)) {
		const char *t = tag;
		int ok = is_scalar ? (!strcmp(t, YAML_STR_TAG) || !strcmp(t, YAML_INT_TAG) ||
				      !strcmp(t, YAML_FLOAT_TAG) || !strcmp(t, YAML_BOOL_TAG) ||
				      !strcmp(t, YAML_NULL_TAG))
				   : (!strcmp(t, YAML_SEQ_TAG) || !strcmp(t, YAML_MAP_TAG));
		if (!ok)
			fail(ld, pos, "unsupported YAML tag !!%s", tag + 18);
		return ok ? 0 : -1;
	}
	if (ld->cfn_tags)
		*cfn = load_cfn_tag(tag);
	if (!*cfn) {
		fail(ld, pos, "unknown tag %s%s", tag,
		     !strncmp(tag, "!Rain::", 7)
			     ? " (a rain directive: run `rain pkg` to produce the CloudFormation template)"
			     : "");
		return -1;
	}
	return 0;
}

/* check_given_tag, with an untagged node (most of them) answered inline. */
static inline int check_tag(struct yaml_loader *ld, const char *tag, int is_scalar,
			    struct srcpos pos, const struct cfn_tag **cfn)
{
	if (!tag) {
		*cfn = NULL;
		return 0;
	}
	return check_given_tag(ld, tag, is_scalar, pos, cfn);
}

/* True (after reporting) when n more nodes would pass LOAD_MAX_NODES. */
static bool too_many(struct yaml_loader *ld, size_t n, struct srcpos pos)
{
	if (n <= LOAD_MAX_NODES - ld->n_nodes)
		return false;
	fail(ld, pos, "more than %zu keys and values in one file", LOAD_MAX_NODES);
	return true;
}

/* ---- Anchors ---- */

/* Takes name and owned (a copy of node to keep, or NULL when the tree
 * keeps node itself). */
static void register_anchor(struct yaml_loader *ld, char *name,
			    const struct value *node, struct value *owned, size_t n_nodes)
{
	struct anchor *a;

	HASH_FIND_STR(ld->anchors, name, a);
	if (a) {
		free(name); /* YAML allows redefining an anchor: the latest wins */
		value_free(a->owned);
	} else {
		a = xcalloc(1, sizeof(*a));
		a->name = name;
		HASH_ADD_KEYPTR(hh, ld->anchors, a->name, strlen(a->name), a);
	}
	a->node = owned ? owned : node;
	a->owned = owned;
	a->n_nodes = n_nodes;
}

/* True when the next node attached becomes a mapping key, which attach()
 * turns into text and frees. */
static bool next_is_key(const struct yaml_loader *ld)
{
	const struct frame *top = ld->depth ? &ld->stack[ld->depth - 1] : NULL;

	return top && top->node->kind == VALUE_MAP && !top->key;
}

static struct value *expand_alias(struct yaml_loader *ld, const char *name,
				  struct srcpos pos)
{
	struct anchor *a;
	struct value *copy;

	HASH_FIND_STR(ld->anchors, name, a);
	if (!a) {
		fail(ld, pos, "alias *%s refers to an undefined anchor (or to the node that contains it)",
		     name);
		return NULL;
	}
	if (a->n_nodes > ld->alias_budget - ld->n_alias_nodes) {
		fail(ld, pos, "YAML aliases expand past %zu nodes (alias bomb?)",
		     ld->alias_budget);
		return NULL;
	}
	if (too_many(ld, a->n_nodes, pos))
		return NULL;
	if (ld->meta && !ld->meta->n_aliases++)
		ld->meta->first_alias = pos;
	ld->n_alias_nodes += a->n_nodes;
	ld->n_nodes += a->n_nodes;
	copy = value_copy_in(ld->arena, a->node);
	copy->pos = pos;
	return copy;
}

/* ---- The stack of open collections ---- */

/* Makes key (text owned by the arena, or static) the pending key of map
 * frame top. */
static void set_key(struct yaml_loader *ld, struct frame *top, struct srcpos pos, const char *key)
{
	top->key_pos = pos;
	top->key = key;
	if (!strcmp(key, "<<"))
		fail(ld, pos, "YAML merge keys (<<) are not supported");
}

/* Takes node; places a finished node into its parent (or as the root). */
static void attach(struct yaml_loader *ld, struct value *node)
{
	struct frame *top;

	if (!ld->depth) {
		ld->root = node;
		return;
	}
	top = &ld->stack[ld->depth - 1];
	if (top->node->kind == VALUE_LIST) {
		value_scratch_push(&ld->scratch, node);
		return;
	}
	if (!top->key) {
		if (node->kind != VALUE_STRING && node->kind != VALUE_NUMBER &&
		    node->kind != VALUE_BOOL && node->kind != VALUE_NULL) {
			fail(ld, node->pos, "a mapping key must be a scalar");
			value_free(node);
			return;
		}
		/* the text stays in the arena when the node is retired */
		set_key(ld, top, node->pos,
			node->kind == VALUE_STRING ? node->u.string.s
			: node->kind == VALUE_NUMBER ? node->u.number.text
			: node->kind == VALUE_BOOL ? (node->u.boolean ? "true" : "false")
			: ""); /* static text outlives the tree too */
		value_free(node);
		return;
	}
	if (!value_scratch_add(&ld->scratch, &top->mark, top->key, top->key_pos, node)) {
		fail(ld, top->key_pos, "duplicate key \"%s\"", top->key);
		value_free(node);
	}
	top->key = NULL;
}

/* Takes node; applies the tag and anchor of a finished node, then attaches it. */
static void finish_node(struct yaml_loader *ld, struct value *node,
			const struct cfn_tag *cfn, char *anchor, size_t first_node,
			struct srcpos pos)
{
	if (cfn) {
		node = load_cfn_wrap(ld->arena, cfn, pos, node);
		ld->n_nodes++;
	}
	if (anchor) /* an anchored key outlives its node in the anchor's own copy */
		register_anchor(ld, anchor, node,
				next_is_key(ld) ? value_copy_in(ld->arena, node) : NULL,
				ld->n_nodes - first_node);
	attach(ld, node);
}

static void open_frame(struct yaml_loader *ld, struct value *node,
		       const struct cfn_tag *cfn, const yaml_char_t *anchor)
{
	struct frame *f;

	XGROW(ld->stack, ld->cap, ld->depth + 1);
	f = &ld->stack[ld->depth++];
	f->node = node;
	f->tag = cfn;
	f->anchor = anchor ? xstrdup((const char *)anchor) : NULL;
	f->first_node = ld->n_nodes - 1;
	f->key = NULL;
	value_scratch_open(&ld->scratch, &f->mark);
}

static void close_frame(struct yaml_loader *ld, struct srcpos end_pos)
{
	struct frame f = ld->stack[--ld->depth];

	if (f.key) {
		/* unreachable with libyaml's event order; kept for safety */
		fail(ld, end_pos, "mapping key \"%s\" has no value", f.key);
	}
	value_scratch_close(&ld->scratch, &f.mark, f.node); /* its children, at exact size */
	finish_node(ld, f.node, f.tag, f.anchor, f.first_node, f.node->pos);
}

/* ---- Event dispatch ---- */

static void on_start(struct yaml_loader *ld, const yaml_event_t *ev, int is_map)
{
	struct srcpos pos = mark_pos(ld, ev->start_mark);
	const char *tag = (const char *)(is_map ? ev->data.mapping_start.tag
						: ev->data.sequence_start.tag);
	const yaml_char_t *anchor = is_map ? ev->data.mapping_start.anchor
					   : ev->data.sequence_start.anchor;
	const struct cfn_tag *cfn;

	if (ld->depth >= LOAD_MAX_DEPTH) {
		fail(ld, pos, "nesting deeper than %d levels", LOAD_MAX_DEPTH);
		return;
	}
	if (check_tag(ld, tag, 0, pos, &cfn) < 0 || too_many(ld, 1, pos))
		return;
	ld->n_nodes++;
	open_frame(ld, is_map ? value_map_in(ld->arena, pos) : value_list_in(ld->arena, pos),
		   cfn, anchor);
}

static void on_scalar(struct yaml_loader *ld, const yaml_event_t *ev)
{
	struct srcpos pos = mark_pos(ld, ev->start_mark);
	const struct cfn_tag *cfn;
	struct value *v;

	if (check_tag(ld, (const char *)ev->data.scalar.tag, 1, pos, &cfn) < 0 ||
	    too_many(ld, 1, pos))
		return;
	if (next_is_key(ld) && !cfn && !has_nul(ev)) {
		/* a mapping key is its text: a logical id Off or No is not a boolean */
		if (!ev->data.scalar.anchor) { /* only the text is kept: no node */
			ld->n_nodes++;
			set_key(ld, &ld->stack[ld->depth - 1], pos,
				value_arena_strndup(ld->arena, (const char *)ev->data.scalar.value,
						    ev->data.scalar.length));
			return;
		}
		v = value_string_in(ld->arena, pos, (const char *)ev->data.scalar.value,
				    ev->data.scalar.length);
	} else
		v = scalar_value(ld, ev, cfn, pos);
	if (!v)
		return;
	ld->n_nodes++;
	finish_node(ld, v, cfn,
		    ev->data.scalar.anchor ? xstrdup((const char *)ev->data.scalar.anchor) : NULL,
		    ld->n_nodes - 1, pos);
}

static void on_event(struct yaml_loader *ld, const yaml_event_t *ev)
{
	struct srcpos pos = mark_pos(ld, ev->start_mark);
	struct value *v;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++ld->n_documents > 1)
			fail(ld, pos, "more than one YAML document in the file");
		break;
	case YAML_MAPPING_START_EVENT: on_start(ld, ev, 1); break;
	case YAML_SEQUENCE_START_EVENT: on_start(ld, ev, 0); break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT: close_frame(ld, pos); break;
	case YAML_SCALAR_EVENT: on_scalar(ld, ev); break;
	case YAML_ALIAS_EVENT:
		v = expand_alias(ld, (const char *)ev->data.alias.anchor, pos);
		if (v)
			attach(ld, v);
		break;
	default: break;
	}
}

static void report_parser_error(struct yaml_loader *ld, const yaml_parser_t *parser)
{
	struct srcpos pos = mark_pos(ld, parser->problem_mark);

	if (parser->error == YAML_MEMORY_ERROR) {
		fail(ld, pos, "out of memory while parsing YAML");
	} else if (parser->context) {
		fail(ld, pos, "%s %s (line %zu, column %zu)", parser->problem ? parser->problem : "syntax error",
		     parser->context, parser->context_mark.line + 1, parser->context_mark.column + 1);
	} else {
		fail(ld, pos, "%s", parser->problem ? parser->problem : "malformed YAML");
	}
}

static void free_loader(struct yaml_loader *ld)
{
	struct anchor *a, *tmp;

	HASH_ITER(hh, ld->anchors, a, tmp) {
		HASH_DEL(ld->anchors, a);
		free(a->name);
		value_free(a->owned);
		free(a);
	}
	/* open frames own their nodes (unattached) */
	while (ld->depth) {
		struct frame *f = &ld->stack[--ld->depth];
		free(f->anchor);
		value_scratch_close(&ld->scratch, &f->mark, NULL);
		value_free(f->node);
	}
	value_scratch_release(&ld->scratch);
	free(ld->stack);
}

struct value *load_yaml(struct value_arena *a, uint32_t file, const char *buf,
			size_t len, int cfn_tags, struct load_meta *meta,
			struct diag_list *dl)
{
	struct yaml_loader ld;
	yaml_parser_t parser;
	yaml_event_t ev;
	int done = 0;

	memset(&ld, 0, sizeof(ld));
	ld.arena = a;
	ld.file = file;
	ld.dl = dl;
	ld.cfn_tags = cfn_tags;
	ld.meta = meta;
	ld.alias_budget = len > LOAD_ALIAS_NODE_BUDGET ? len : LOAD_ALIAS_NODE_BUDGET;
	if (!yaml_parser_initialize(&parser)) {
		diag_error(dl, srcpos_make(file, 0, 0), "cannot initialise the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done && !ld.failed) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&ld, &parser);
			break;
		}
		on_event(&ld, &ev);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free_loader(&ld);
	if (ld.failed) {
		value_free(ld.root);
		return NULL;
	}
	if (!ld.root)
		ld.root = value_null_in(a, srcpos_make(file, 1, 1)); /* an empty document */
	return ld.root;
}
