/*
 * test_value.c - the value tree: construction, map order and index,
 * ownership on failure, copy, equality, unknowns and iterative freeing;
 * value.h's contracts on a loaded (arena) tree; value_reserve, and trees
 * built in an arena (value_move_in, value_arena_owner); strbuf_addf's own
 * formatting against printf's.
 */
#include "helpers.h"
#include "value/value_arena.h"
#include "value/value_json.h"
#include "util/strbuf.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_kinds(void **state)
{
	struct value *n = value_number(SRCPOS_NONE, 42, NULL);
	struct value *f = value_number(SRCPOS_NONE, 1.5, NULL);
	struct value *kept = value_number(SRCPOS_NONE, 1.5, "1.50");
	struct value *s = value_string_n(SRCPOS_NONE, "abcdef", 3);

	(void)state;
	assert_string_equal(n->u.number.text, "42");
	assert_string_equal(f->u.number.text, "1.5");
	assert_string_equal(kept->u.number.text, "1.50");
	assert_true(value_equal(f, kept)); /* equal by value, not spelling */
	assert_string_equal(value_str(s), "abc");
	assert_int_equal(s->u.string.len, 3);
	assert_null(value_str(n));
	assert_string_equal(value_kind_name(VALUE_MAP), "map");
	assert_string_equal(value_kind_name(VALUE_INVALID), "invalid");
	value_free(n);
	value_free(f);
	value_free(kept);
	value_free(s);
}

static void test_map_order_and_index(void **state)
{
	struct value *m = value_map(SRCPOS_NONE);
	char key[16];
	int i;

	(void)state;
	/* Past MAP_INDEX_MIN keys the map switches to a hash index; order stays. */
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "k%d", 99 - i);
		assert_true(value_map_add(m, key, SRCPOS_NONE, value_number(SRCPOS_NONE, i, NULL)));
	}
	assert_int_equal(value_map_len(m), 100);
	assert_string_equal(value_map_at(m, 0)->key, "k99");
	assert_string_equal(value_map_at(m, 99)->key, "k0");
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_non_null(value_map_get(m, key));
		assert_int_equal((int)value_map_get(m, key)->u.number.num, 99 - i);
	}
	assert_null(value_map_get(m, "k100"));
	/* Duplicate: refused, and the value is taken (freed) all the same. */
	assert_false(value_map_add(m, "k5", SRCPOS_NONE, value_string(SRCPOS_NONE, "x")));
	assert_int_equal(value_map_len(m), 100);
	/* Take keeps the index consistent. */
	value_free(value_map_take(m, "k50"));
	assert_null(value_map_get(m, "k50"));
	assert_non_null(value_map_get(m, "k51"));
	assert_int_equal(value_map_len(m), 99);
	/* Set replaces in place. */
	value_map_set(m, "k51", value_string(SRCPOS_NONE, "new"));
	assert_string_equal(value_str(value_map_get(m, "k51")), "new");
	value_free(m);
}

static void test_copy_equal(void **state)
{
	struct value *a = parse_ok("a.json", "{\"x\": [1, \"two\", {\"y\": null}], \"z\": true}");
	struct value *b = value_copy(a);
	struct value *c = parse_ok("c.json", "{\"z\": true, \"x\": [1, \"two\", {\"y\": null}]}");
	struct value *d = parse_ok("d.json", "{\"x\": [1, \"two\", {\"y\": 0}], \"z\": true}");

	(void)state;
	assert_true(value_equal(a, b));
	assert_true(value_equal(a, c)); /* key order does not matter for equality */
	assert_false(value_equal(a, d));
	value_free(a);
	value_free(b);
	value_free(c);
	value_free(d);
}

static void test_unknown(void **state)
{
	struct value *l = value_list(SRCPOS_NONE);
	struct value *u = value_unknown(srcpos_make(1, 3, 4), "GetAtt %s.%s is only known after create",
					"Instance", "PublicIp");
	struct value *u2;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	value_list_append(l, value_string(SRCPOS_NONE, "a"));
	assert_false(value_has_unknown(l));
	value_list_append(l, u);
	assert_true(value_has_unknown(l));
	assert_ptr_equal(value_find_unknown(l), u);
	assert_string_equal(u->u.unknown.reason, "GetAtt Instance.PublicIp is only known after create");
	u2 = value_copy(u);
	assert_false(value_equal(u, u2)); /* unknowns are never equal */
	value_to_json_compact(&sb, l);
	assert_string_equal(sb.buf,
			    "[\"a\",{\"$unknown\":\"GetAtt Instance.PublicIp is only known after create\"}]");
	strbuf_release(&sb);
	value_free(u2);
	value_free(l);
}

static void test_free_deep(void **state)
{
	struct value *root = value_list(SRCPOS_NONE), *cur = root;
	int i;

	(void)state;
	/* Deeper than any recursion could survive comfortably: freeing is iterative. */
	for (i = 0; i < 200000; i++) {
		struct value *next = value_list(SRCPOS_NONE);
		value_list_append(cur, next);
		cur = next;
	}
	value_free(root);
}

static void test_intrinsic_name(void **state)
{
	struct value *ref = parse_ok("r.json", "{\"Ref\": \"X\"}");
	struct value *sub = parse_ok("s.json", "{\"Fn::Sub\": \"x\"}");
	struct value *two = parse_ok("t.json", "{\"Ref\": \"X\", \"Other\": 1}");
	struct value *cond = parse_ok("c.json", "{\"Condition\": \"X\"}");

	(void)state;
	assert_string_equal(value_intrinsic_name(ref), "Ref");
	assert_string_equal(value_intrinsic_name(sub), "Fn::Sub");
	assert_null(value_intrinsic_name(two));
	assert_null(value_intrinsic_name(cond));
	value_free(ref);
	value_free(sub);
	value_free(two);
	value_free(cond);
}

/* A loaded tree lives in an arena: every function of value.h keeps its
 * contract on it (ASan and LeakSanitizer check the memory side). */
static void test_arena_tree(void **state)
{
	struct value *root = parse_ok("a.yaml", "A: 1\nB: [x, y]\nC: {D: text}\nE: z\n");
	struct value *b, *taken, *copy, *u;
	int i;
	char key[16];

	(void)state;
	b = (struct value *)value_map_get(root, "B");
	value_list_append(b, value_string(SRCPOS_NONE, "heap item")); /* copied in */
	for (i = 0; i < 40; i++) /* grows the list's array inside the arena */
		value_list_append(b, value_number(SRCPOS_NONE, i, NULL));
	assert_int_equal(value_list_len(b), 43);
	assert_string_equal(value_str(value_list_get(b, 2)), "heap item");
	assert_string_equal(value_scalar_text(value_list_get(b, 42)), "39");
	value_map_set(root, "A", value_string(SRCPOS_NONE, "replaced"));
	assert_string_equal(value_str(value_map_get(root, "A")), "replaced");
	for (i = 0; i < 20; i++) { /* new keys: the map grows and gets its index */
		snprintf(key, sizeof(key), "K%d", i);
		assert_true(value_map_add(root, key, SRCPOS_NONE, value_null(SRCPOS_NONE)));
	}
	assert_false(value_map_add(root, "K3", SRCPOS_NONE, value_null(SRCPOS_NONE)));
	assert_non_null(value_map_get(root, "K19"));
	u = value_unknown(SRCPOS_NONE, "why %d", 1);
	value_unknown_set_origin(u, "Res");
	value_map_set(root, "U", u);
	u = (struct value *)value_map_get(root, "U");
	value_unknown_set_origin(u, "Other");
	assert_string_equal(u->u.unknown.origin, "Other");
	value_string_set((struct value *)value_map_get(root, "E"), strdup("set"));
	assert_string_equal(value_str(value_map_get(root, "E")), "set");
	copy = value_copy(root);
	assert_true(value_equal(value_map_get(copy, "B"), value_map_get(root, "B")));
	taken = value_map_take(root, "C"); /* a heap copy: it outlives the tree */
	assert_null(value_map_get(root, "C"));
	value_free(root);
	assert_string_equal(value_str(value_map_get(taken, "D")), "text");
	value_free(taken);
	assert_int_equal(value_list_len(value_map_get(copy, "B")), 43);
	value_free(copy);
}

/* An arena expected to be large gets one mapped region (on huge pages past
 * 4 MiB): every allocation in it is usable, distinct, 8-aligned, and found
 * to be the arena's own; more than expected spills into further chunks. */
static void test_arena_large_region(void **state)
{
	const size_t expect = (size_t)6 << 20, n = 64, each = 200;
	struct value_arena *a = value_arena_new_sized(expect);
	size_t total = 0, k = 0;
	char *first = NULL, *last = NULL;

	(void)state;
	while (total < expect + ((size_t)1 << 20)) { /* a megabyte past the region */
		char *p = value_arena_alloc_small(a, each);

		assert_int_equal((uintptr_t)p % 8, 0);
		assert_ptr_equal(value_arena_of(p), a);
		memset(p, (int)(k & 0xff), each);
		if (!first)
			first = p;
		last = p;
		total += each;
		k++;
	}
	assert_int_equal((unsigned char)first[0], 0);
	assert_int_equal((unsigned char)last[each - 1], (unsigned)((k - 1) & 0xff));
	for (k = 0; k < n; k++) { /* strings copied in stay intact */
		char *s = value_arena_strndup(a, "huge-page-arena", 15);
		assert_string_equal(s, "huge-page-arena");
	}
	value_arena_free(a);
}

/* A loaded tree given as a child: a heap parent keeps it (and frees its
 * arena), an arena parent copies it in. */
static void test_arena_tree_as_child(void **state)
{
	struct value *heap = value_map(SRCPOS_NONE);
	struct value *loaded = parse_ok("l.json", "{\"k\": [1, 2, {\"x\": null}]}");
	struct value *other = parse_ok("o.json", "{\"z\": true}");

	(void)state;
	value_map_add(heap, "loaded", SRCPOS_NONE, loaded);
	value_map_add(other, "again", SRCPOS_NONE, value_copy(heap));
	value_list_append((struct value *)value_map_get(loaded, "k"),
			  parse_ok("n.yaml", "[deep]"));
	assert_int_equal(value_list_len(value_map_get(loaded, "k")), 4);
	value_free(heap);
	assert_int_equal(value_list_len(value_map_get(value_map_get(
				 value_map_get(other, "again"), "loaded"), "k")),
			 3);
	value_free(other);
}

/* value_reserve sizes a container once; growing past it still works, on
 * the heap, in an arena, and for a copied map (keys in its block). */
static void test_reserve(void **state)
{
	struct value_arena *a = value_arena_new();
	struct value *heap = value_map(SRCPOS_NONE), *list = value_list_in(a, SRCPOS_NONE);
	struct value *copy = parse_ok("c.json", "{\"a\": 1, \"b\": 2}");
	struct value *c = value_copy(copy);
	char key[8];
	size_t i;

	(void)state;
	value_reserve(heap, 3);
	assert_int_equal(heap->u.map.cap, 3);
	value_reserve(list, 2);
	assert_int_equal(list->u.list.cap, 2);
	for (i = 0; i < 12; i++) { /* past the reserve and past the index threshold */
		snprintf(key, sizeof(key), "k%zu", i);
		value_map_add(heap, key, SRCPOS_NONE, value_number(SRCPOS_NONE, (double)i, NULL));
		value_list_append(list, value_number(SRCPOS_NONE, (double)i, NULL));
	}
	assert_int_equal(value_map_len(heap), 12);
	assert_string_equal(value_scalar_text(value_map_get(heap, "k11")), "11");
	assert_string_equal(value_map_at(heap, 3)->key, "k3");
	assert_int_equal(value_list_len(list), 12);
	assert_string_equal(value_scalar_text(value_list_get(list, 7)), "7");
	value_reserve(heap, 2); /* not above its room: left alone */
	assert_int_equal(value_map_len(heap), 12);
	value_reserve(c, 8); /* its keys move out of the entries' block */
	assert_true(value_map_add(c, "z", SRCPOS_NONE, value_null(SRCPOS_NONE)));
	assert_string_equal(value_map_at(c, 1)->key, "b");
	assert_int_equal(value_map_len(c), 3);
	value_free(heap);
	value_free(c);
	value_free(copy);
	value_arena_free(a);
}

/* value_move_in: a heap tree is copied into the arena (and freed), a node
 * of the arena stays as it is; value_arena_owner tells them apart. */
static void test_move_in(void **state)
{
	struct value_arena *a = value_arena_new();
	struct value *m = value_map_in(a, SRCPOS_NONE);
	struct value *heap = parse_ok("h.json", "{\"k\": [1, \"two\"]}");
	struct value *h2 = value_copy(heap), *moved, *same;

	(void)state;
	assert_ptr_equal(value_arena_owner(m), a);
	assert_null(value_arena_owner(h2));
	assert_null(value_arena_owner(NULL));
	moved = value_move_in(a, h2); /* h2 freed */
	assert_ptr_equal(value_arena_owner(moved), a);
	assert_ptr_equal(value_arena_owner(value_list_get(value_map_get(moved, "k"), 1)), a);
	assert_true(value_equal(moved, heap));
	same = value_move_in(a, moved);
	assert_ptr_equal(same, moved);
	assert_ptr_equal(value_move_in(NULL, heap), heap);
	assert_null(value_move_in(a, NULL));
	value_map_add(m, "t", SRCPOS_NONE, same); /* a node of a: placed as is */
	assert_ptr_equal(value_map_get(m, "t"), same);
	value_free(heap);
	value_arena_free(a); /* m is no root: the arena goes at once */
}

/* A copied map keeps its keys in its entries' block until it changes. */
static void test_copy_then_change(void **state)
{
	struct value *m = parse_ok("m.json", "{\"a\": 1, \"bb\": 2, \"ccc\": 3}");
	struct value *c = value_copy(m), *t;

	(void)state;
	t = value_map_take(c, "bb");
	assert_string_equal(value_scalar_text(t), "2");
	value_free(t);
	assert_true(value_map_add(c, "dddd", SRCPOS_NONE, value_bool(SRCPOS_NONE, true)));
	value_map_set(c, "a", value_string(SRCPOS_NONE, "x"));
	assert_int_equal(value_map_len(c), 3);
	assert_string_equal(value_map_at(c, 0)->key, "a");
	assert_string_equal(value_map_at(c, 1)->key, "ccc");
	assert_string_equal(value_map_at(c, 2)->key, "dddd");
	value_free(m);
	value_free(c);
}

/* strbuf_addf writes the common conversions itself: the same text as
 * printf, and printf's for everything else. */
#define SAME_AS_PRINTF(...)                                              \
	do {                                                             \
		char want[256];                                          \
		struct strbuf sb = STRBUF_INIT;                          \
		snprintf(want, sizeof(want), __VA_ARGS__);               \
		strbuf_addstr(&sb, "<");                                 \
		strbuf_addf(&sb, __VA_ARGS__);                           \
		assert_string_equal(sb.buf + 1, want);                   \
		assert_int_equal(sb.len, strlen(want) + 1);              \
		strbuf_release(&sb);                                     \
	} while (0)

/* value_whole_number: only numbers a long holds exactly. */
static void test_whole_number(void **state)
{
	static const struct {
		double num;
		bool whole;
		long want;
	} cases[] = {
		{ 0, true, 0 },
		{ 42, true, 42 },
		{ 9007199254740992.0, true, 9007199254740992L },
		{ 9223372036854774784.0, true, 9223372036854774784L }, /* the largest double below 2^63 */
		{ 9223372036854775808.0, false, 0 },                  /* 2^63 */
		{ 1e66, false, 0 },
		{ 2.5, false, 0 },
		{ -1, false, 0 },
	};
	size_t i;
	long got;
	struct value *s = value_string(srcpos_make(0, 1, 1), "5");

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct value *v = value_number(srcpos_make(0, 1, 1), cases[i].num, NULL);

		got = -7;
		assert_int_equal(value_whole_number(v, &got), cases[i].whole);
		assert_int_equal(got, cases[i].whole ? cases[i].want : -7);
		value_free(v);
	}
	assert_false(value_whole_number(s, &got));
	assert_false(value_whole_number(NULL, &got));
	value_free(s);
}

static void test_strbuf_format(void **state)
{
	(void)state;
	SAME_AS_PRINTF("Resources/%s/%s", "Bucket", "Properties");
	SAME_AS_PRINTF("plain text, no conversion");
	SAME_AS_PRINTF("%s", "");
	SAME_AS_PRINTF("%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
	SAME_AS_PRINTF("%u %zu %lu %ld", UINT_MAX, (size_t)-1, ULONG_MAX, LONG_MIN);
	SAME_AS_PRINTF("%lld %llu %c%%", LLONG_MIN, ULLONG_MAX, 'x');
	SAME_AS_PRINTF("%5d|%-4s|%.2s|%x|%02X|%g", 7, "a", "abc", 255, 10, 1.5);
	SAME_AS_PRINTF("%s then %.*s", "first", 2, "second");
	SAME_AS_PRINTF("%zu of %s%%", (size_t)3, "x");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_map_order_and_index),
		cmocka_unit_test(test_copy_equal),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_free_deep),
		cmocka_unit_test(test_intrinsic_name),
		cmocka_unit_test(test_arena_tree),
		cmocka_unit_test(test_arena_tree_as_child),
		cmocka_unit_test(test_arena_large_region),
		cmocka_unit_test(test_copy_then_change),
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_move_in),
		cmocka_unit_test(test_strbuf_format),
		cmocka_unit_test(test_whole_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
