/*
 * value_json.c - JSON writer for value trees (recursion bounded by the
 * loaders' depth limit).
 */
#include "value/value_json.h"

#include <string.h>

static void newline(struct strbuf *out, int indent)
{
	int i;

	if (indent < 0)
		return;
	strbuf_addch(out, '\n');
	for (i = 0; i < indent; i++)
		strbuf_addstr(out, "  ");
}

/* True when text is a number in JSON's grammar. */
static int json_number_text(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static void write_value(struct strbuf *out, const struct value *v, int indent)
{
	int inner = indent < 0 ? -1 : indent + 1;
	const char *sep = indent < 0 ? ":" : ": ";
	size_t i;

	switch (v->kind) {
	case VALUE_NULL: strbuf_addstr(out, "null"); break;
	case VALUE_BOOL: strbuf_addstr(out, v->u.boolean ? "true" : "false"); break;
	case VALUE_NUMBER:
		if (json_number_text(v->u.number.text))
			strbuf_addstr(out, v->u.number.text);
		else
			strbuf_addf(out, "%.17g", v->u.number.num);
		break;
	case VALUE_STRING:
		strbuf_addch(out, '"');
		strbuf_add_json_escaped(out, v->u.string.s, v->u.string.len);
		strbuf_addch(out, '"');
		break;
	case VALUE_UNKNOWN:
		strbuf_addf(out, "{\"$unknown\"%s", sep);
		strbuf_add_json_string(out, v->u.unknown.reason);
		strbuf_addch(out, '}');
		break;
	case VALUE_LIST:
		if (!v->u.list.n) {
			strbuf_addstr(out, "[]");
			break;
		}
		strbuf_addch(out, '[');
		for (i = 0; i < v->u.list.n; i++) {
			if (i)
				strbuf_addch(out, ',');
			newline(out, inner);
			write_value(out, v->u.list.items[i], inner);
		}
		newline(out, indent);
		strbuf_addch(out, ']');
		break;
	case VALUE_MAP:
		if (!v->u.map.n) {
			strbuf_addstr(out, "{}");
			break;
		}
		strbuf_addch(out, '{');
		for (i = 0; i < v->u.map.n; i++) {
			if (i)
				strbuf_addch(out, ',');
			newline(out, inner);
			strbuf_add_json_string(out, v->u.map.entries[i].key);
			strbuf_addstr(out, sep);
			write_value(out, v->u.map.entries[i].val, inner);
		}
		newline(out, indent);
		strbuf_addch(out, '}');
		break;
	default:
		strbuf_addstr(out, "null");
	}
}

void value_to_json(struct strbuf *out, const struct value *v, int indent)
{
	write_value(out, v, indent);
}

void value_to_json_compact(struct strbuf *out, const struct value *v)
{
	write_value(out, v, -1);
}
