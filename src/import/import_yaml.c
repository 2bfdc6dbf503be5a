/*
 * import_yaml.c - writing a state tree as YAML with libyaml's emitter.
 * Strings that a YAML 1.1 reader would take for a number, a boolean, null
 * or a date are double-quoted, so "111111111111" stays an account id.
 * Recursion follows the tree, whose depth the loaders bound.
 */
#include "import/import.h"

#include <string.h>
#include <strings.h>
#include <yaml.h>

static int sink(void *data, unsigned char *buf, size_t size)
{
	strbuf_add((struct strbuf *)data, buf, size);
	return 1;
}

/* True when s, written plain, would not read back as the same string. */
static int needs_quotes(const char *s)
{
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", NULL,
	};
	size_t i;

	if (!*s || strchr("0123456789+-.", *s))
		return 1;
	for (i = 0; words[i]; i++)
		if (!strcasecmp(s, words[i]))
			return 1;
	return 0;
}

/* A scalar: plain when it reads back as the same string, else double-quoted
 * (libyaml needs quoted_implicit set for an untagged quoted scalar). */
static void scalar(yaml_emitter_t *e, const char *text, int quoted)
{
	yaml_event_t ev;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text, (int)strlen(text),
				     !quoted, 1,
				     quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
	yaml_emitter_emit(e, &ev);
}

static void emit(yaml_emitter_t *e, const struct value *v)
{
	yaml_event_t ev;

	switch (v->kind) {
	case VALUE_MAP:
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_ANY_MAPPING_STYLE);
		yaml_emitter_emit(e, &ev);
		VALUE_MAP_FOREACH(v, entry) {
			scalar(e, entry->key, needs_quotes(entry->key));
			emit(e, entry->val);
		}
		yaml_mapping_end_event_initialize(&ev);
		yaml_emitter_emit(e, &ev);
		break;
	case VALUE_LIST:
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_ANY_SEQUENCE_STYLE);
		yaml_emitter_emit(e, &ev);
		VALUE_LIST_FOREACH(v, it)
			emit(e, *it);
		yaml_sequence_end_event_initialize(&ev);
		yaml_emitter_emit(e, &ev);
		break;
	case VALUE_STRING: scalar(e, v->u.string.s, needs_quotes(v->u.string.s)); break;
	case VALUE_NUMBER: scalar(e, v->u.number.text, 0); break;
	case VALUE_BOOL: scalar(e, v->u.boolean ? "true" : "false", 0); break;
	default: scalar(e, "null", 0);
	}
}

void import_write_yaml(const struct value *state, struct strbuf *out)
{
	yaml_emitter_t e;
	yaml_event_t ev;

	yaml_emitter_initialize(&e);
	yaml_emitter_set_output(&e, sink, out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, 100);
	yaml_emitter_set_indent(&e, 2);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	yaml_emitter_emit(&e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	yaml_emitter_emit(&e, &ev);
	emit(&e, state);
	yaml_document_end_event_initialize(&ev, 1);
	yaml_emitter_emit(&e, &ev);
	yaml_stream_end_event_initialize(&ev);
	yaml_emitter_emit(&e, &ev);
	yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
}
