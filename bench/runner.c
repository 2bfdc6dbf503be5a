/*
 * runner.c - the benchmark (make bench): per generated input, cfn-dryrun's
 * median wall time, peak RSS and phase split, the libyaml parse floor and
 * the JavaScript cfn-lint on the same bytes; the corpus as one batch; the
 * targets, met or not.  Usage: runner --tool CFN_DRYRUN --gen GEN --floor
 * FLOOR --work DIR [--runs N] [--corpus DIR] [--cfn-lint PATH]
 */
#define _GNU_SOURCE /* asprintf */
#include "proc.h"

#include "load/load.h"
#include "util/diag.h"
#include "util/srcpos.h"
#include "value/value.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N_PHASES 7
static const char *const phase_names[N_PHASES] = {
	"models", "state", "load", "resolve", "simulate", "report", "other",
};

struct options {
	const char *tool;   /* cfn-dryrun */
	const char *gen;    /* bench/gen */
	const char *floor;  /* bench/floor */
	const char *work;   /* where the inputs are written */
	const char *corpus; /* a folder of templates, or NULL */
	const char *lint;   /* the JavaScript cfn-lint, or NULL */
	int runs;           /* runs per measurement */
};

struct measure {
	double wall_ms;          /* median */
	double max_rss_mib;      /* the largest of the runs */
	double phase[N_PHASES];  /* medians, from CFN_DRYRUN_TIMINGS */
	int status;              /* exit status of the last run */
};

/* Reads "name=1.234" out of the timings line of err. */
static double phase_value(const char *err, const char *name)
{
	const char *line = err ? strstr(err, "cfn-dryrun: timings:") : NULL;
	char *key;
	const char *at;
	double v = 0;

	if (!line || asprintf(&key, " %s=", name) < 0)
		return 0;
	at = strstr(line, key);
	if (at)
		v = strtod(at + strlen(key), NULL);
	free(key);
	return v;
}

/* Runs argv runs times; out_path keeps the last run's standard output. */
static int measure(char *const *argv, int runs, const char *out_path, struct measure *m)
{
	double *wall = calloc((size_t)runs, sizeof(double));
	double *ph = calloc((size_t)runs * N_PHASES, sizeof(double));
	int i, p, rc = 0;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < runs && wall && ph; i++) {
		struct proc_run r;

		if (proc_run(argv, out_path, 1, &r) < 0) {
			rc = -1;
			break;
		}
		wall[i] = r.wall_ms;
		if (r.max_rss_kb / 1024.0 > m->max_rss_mib)
			m->max_rss_mib = r.max_rss_kb / 1024.0;
		for (p = 0; p < N_PHASES; p++)
			ph[p * runs + i] = phase_value(r.err, phase_names[p]);
		m->status = r.status;
		if (r.status >= 128) {
			fprintf(stderr, "bench: %s crashed (status %d) on %s\n%s", argv[0], r.status,
				argv[2] ? argv[2] : "", r.err ? r.err : "");
			rc = -1;
		}
		proc_run_free(&r);
	}
	if (!wall || !ph)
		rc = -1;
	if (rc == 0) {
		m->wall_ms = proc_median(wall, (size_t)runs);
		for (p = 0; p < N_PHASES; p++)
			m->phase[p] = proc_median(ph + p * runs, (size_t)runs);
	}
	free(wall);
	free(ph);
	return rc;
}

/* Runs the generator: gen WHAT ARG > out. */
static int generate(const struct options *o, const char *what, const char *arg, const char *out)
{
	char *argv[] = { (char *)o->gen, (char *)what, (char *)arg, NULL };
	struct proc_run r;
	int rc = proc_run(argv, out, 0, &r);

	proc_run_free(&r);
	if (rc < 0 || r.status != 0) {
		fprintf(stderr, "bench: %s %s %s failed\n", o->gen, what, arg);
		return -1;
	}
	return 0;
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Counts the resources of a JSON report (every map with a logical_id),
 * nested stacks included; -1 when it cannot be read. */
static long count_resources(const struct value *v)
{
	long n = 0;

	if (v->kind == VALUE_MAP) {
		if (value_map_get(v, "logical_id"))
			n++;
		VALUE_MAP_FOREACH(v, e)
			n += count_resources(e->val);
	} else if (v->kind == VALUE_LIST) {
		VALUE_LIST_FOREACH(v, it)
			n += count_resources(*it);
	}
	return n;
}

static long report_resources(const char *path)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct value *v = load_file(path, NULL, &dl);
	long n = v ? count_resources(v) : -1;

	value_free(v);
	diag_clear(&dl);
	return n;
}

/* ---- Finding templates ---- */

struct file_list {
	char **paths; /* owned */
	size_t n, cap;
};

static int is_template_name(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml") || !strcmp(dot, ".json"));
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every template under dir (depth-bounded: corpora are shallow). */
static void list_templates(const char *dir, int depth, struct file_list *out)
{
	DIR *d = depth < 16 ? opendir(dir) : NULL;
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char *path;
		struct stat st;

		if (e->d_name[0] == '.' || asprintf(&path, "%s/%s", dir, e->d_name) < 0)
			continue;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			list_templates(path, depth + 1, out);
			free(path);
		} else if (S_ISREG(st.st_mode) && is_template_name(e->d_name)) {
			if (out->n == out->cap) {
				size_t cap = out->cap ? out->cap * 2 : 64;
				char **bigger = realloc(out->paths, cap * sizeof(*bigger));
				if (!bigger) {
					free(path);
					break;
				}
				out->paths = bigger;
				out->cap = cap;
			}
			out->paths[out->n++] = path;
		} else {
			free(path);
		}
	}
	closedir(d);
}

/* ---- The generated inputs ---- */

struct bench_case {
	const char *name;   /* shown in the table */
	char *tmpl, *state; /* owned paths */
	long expect;        /* resources a complete simulation reports */
	char *report;       /* owned: where the last run's JSON report is */
	char *more;         /* owned: a folder of templates the tool also reads
			       (nested stacks), parsed by the floor too; or NULL */
	struct measure tool, floor, lint;
	int linted;         /* lint holds a measurement */
};

/* Measures one input; its report stays in c->report for print_case.  No
 * report is read before every input is measured: a child's peak RSS counts
 * the runner's own pages until the exec. */
static void run_case(const struct options *o, struct bench_case *c)
{
	char *tool_argv[] = { (char *)o->tool, "check", c->tmpl, "--state", c->state,
			      "--capabilities", "CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND",
			      "--format", "json", "--date", "2025-06-01", NULL };
	char *lint_argv[] = { (char *)o->lint, "validate", c->tmpl, NULL };
	long size = file_size(c->tmpl);
	int lint_runs = size > 1000000 ? 1 : o->runs < 3 ? o->runs : 3; /* it is slow */
	struct file_list more = { NULL, 0, 0 };
	char **floor_argv;
	size_t i;

	if (asprintf(&c->report, "%s.report.json", c->tmpl) < 0) {
		c->report = NULL;
		return;
	}
	if (c->more)
		list_templates(c->more, 0, &more);
	floor_argv = calloc(more.n + 3, sizeof(*floor_argv));
	if (!floor_argv)
		return;
	floor_argv[0] = (char *)o->floor;
	floor_argv[1] = c->tmpl;
	for (i = 0; i < more.n; i++)
		floor_argv[i + 2] = more.paths[i];
	measure(tool_argv, o->runs, c->report, &c->tool);
	measure(floor_argv, o->runs, NULL, &c->floor);
	for (i = 0; i < more.n; i++)
		free(more.paths[i]);
	free(more.paths);
	free(floor_argv);
	if (o->lint)
		c->linted = measure(lint_argv, lint_runs, NULL, &c->lint) == 0;
}

static void print_case(const struct bench_case *c)
{
	long got = c->report ? report_resources(c->report) : -1;

	printf("%-24s %9ld %7.2f %7.1f %7.2f %6.2f  %5.2f %5.2f %6.2f %6.2f %6.2f %5.2f",
	       c->name, file_size(c->tmpl), c->tool.wall_ms, c->tool.max_rss_mib, c->floor.wall_ms,
	       c->floor.wall_ms > 0 ? c->tool.wall_ms / c->floor.wall_ms : 0, c->tool.phase[0],
	       c->tool.phase[1], c->tool.phase[2], c->tool.phase[3], c->tool.phase[4],
	       c->tool.phase[5]);
	if (c->linted)
		printf(" %9.1f %6.1fx", c->lint.wall_ms, c->lint.wall_ms / c->tool.wall_ms);
	else
		printf(" %9s %7s", "-", "-");
	printf("  exit %d, %ld of %ld resources\n", c->tool.status, got, c->expect);
}

/* ---- The corpus batch ---- */

/* One pass over the corpus, each file put at argv[file_arg]; returns the total wall
 * time, counting exit statuses in status[0..3] and crashes in status[4]. */
static double batch(char **argv, int file_arg, const struct file_list *fl, int status[5])
{
	double total = 0;
	size_t i;

	memset(status, 0, 5 * sizeof(int));
	for (i = 0; i < fl->n; i++) {
		struct proc_run r;

		argv[file_arg] = fl->paths[i];
		if (proc_run(argv, NULL, 0, &r) < 0)
			continue;
		total += r.wall_ms;
		if (r.status >= 0 && r.status <= 3)
			status[r.status]++;
		else
			status[4]++;
		if (r.status >= 128)
			fprintf(stderr, "bench: %s crashed (status %d) on %s\n", argv[0], r.status,
				fl->paths[i]);
		proc_run_free(&r);
	}
	return total;
}

static double corpus_batch(const struct options *o, const struct file_list *fl, int *crashes)
{
	char *tool_argv[] = { (char *)o->tool, "check", NULL, "--format", "json", "--date",
			      "2025-06-01", NULL };
	char *floor_argv[] = { (char *)o->floor, NULL, NULL };
	char *lint_argv[] = { (char *)o->lint, "validate", NULL, NULL };
	int reps = o->runs < 3 ? o->runs : 3, i, st[5], fst[5];
	double tool[3], floor[3], t, f;

	for (i = 0; i < reps; i++) {
		tool[i] = batch(tool_argv, 2, fl, st);
		floor[i] = batch(floor_argv, 1, fl, fst);
	}
	t = proc_median(tool, (size_t)reps);
	f = proc_median(floor, (size_t)reps);
	*crashes = st[4];
	printf("corpus: %zu templates, one process each (median of %d batches)\n", fl->n, reps);
	printf("  cfn-dryrun   %8.1f ms total, %.2f ms per template; exits 0:%d 1:%d 2:%d 3:%d, "
	       "crashes %d\n", t, t / (double)fl->n, st[0], st[1], st[2], st[3], st[4]);
	printf("  parse floor  %8.1f ms total (%d not YAML); ratio %.2f\n", f, fst[1] + fst[2] + fst[3] + fst[4],
	       f > 0 ? t / f : 0);
	if (o->lint) {
		double l = batch(lint_argv, 2, fl, st);
		printf("  cfn-lint (JS)%8.1f ms total, one batch; %.1fx cfn-dryrun\n", l, l / t);
	}
	return t;
}

/* ---- Main ---- */

static int parse_args(int argc, char **argv, struct options *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->runs = 7;
	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--tool"))
			o->tool = argv[i + 1];
		else if (!strcmp(argv[i], "--gen"))
			o->gen = argv[i + 1];
		else if (!strcmp(argv[i], "--floor"))
			o->floor = argv[i + 1];
		else if (!strcmp(argv[i], "--work"))
			o->work = argv[i + 1];
		else if (!strcmp(argv[i], "--corpus"))
			o->corpus = *argv[i + 1] ? argv[i + 1] : NULL;
		else if (!strcmp(argv[i], "--cfn-lint"))
			o->lint = *argv[i + 1] ? argv[i + 1] : NULL;
		else if (!strcmp(argv[i], "--runs"))
			o->runs = atoi(argv[i + 1]);
		else
			return -1;
	}
	return i == argc && o->tool && o->gen && o->floor && o->work && o->runs >= 1 &&
			       o->runs <= 1000
		       ? 0
		       : -1;
}

static void target(const char *what, double measured, double limit, const char *unit)
{
	printf("  %-52s %10.2f %-4s (target < %g): %s\n", what, measured, unit, limit,
	       measured < limit ? "met" : "MISSED");
}

int main(int argc, char **argv)
{
	static const long sizes[] = { 10, 100, 500, 10000 };
	struct bench_case cases[5];
	struct options o;
	struct file_list fl = { NULL, 0, 0 };
	double corpus_ms = -1, growth, bound;
	int n_cases = 0, crashes = 0;
	size_t i;

	if (parse_args(argc, argv, &o) < 0) {
		fprintf(stderr, "usage: runner --tool CFN_DRYRUN --gen GEN --floor FLOOR --work DIR "
				"[--runs N] [--corpus DIR] [--cfn-lint PATH]\n");
		return 2;
	}
	if (o.lint && access(o.lint, X_OK) < 0) {
		printf("(cfn-lint: %s cannot be run: skipped)\n", o.lint);
		o.lint = NULL;
	}
	setenv("CFN_DRYRUN_TIMINGS", "1", 1); /* the phase split, on standard error */
	mkdir(o.work, 0777);
	memset(cases, 0, sizeof(cases));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct bench_case *c = &cases[n_cases++];
		char n[24];

		snprintf(n, sizeof(n), "%ld", sizes[i]);
		c->name = sizes[i] == 10000 ? "10000 resources (stress)" : sizes[i] == 500 ? "500 resources"
						 : sizes[i] == 100 ? "100 resources" : "10 resources";
		c->expect = sizes[i];
		if (asprintf(&c->tmpl, "%s/bench-%ld.yaml", o.work, sizes[i]) < 0 ||
		    asprintf(&c->state, "%s/bench-%ld.state.yaml", o.work, sizes[i]) < 0 ||
		    generate(&o, "template", n, c->tmpl) < 0 || generate(&o, "state", n, c->state) < 0)
			return 1;
	}
	{
		struct bench_case *c = &cases[n_cases++];
		char *dir;
		char *argv_gen[] = { (char *)o.gen, "nested", NULL, NULL };
		struct proc_run r;

		c->name = "nested tree (1+20)";
		c->expect = 7 + 4 * 7 + 16 * 2; /* root and level 2: 7 each; leaves: 2 */
		if (asprintf(&dir, "%s/nested", o.work) < 0 ||
		    asprintf(&c->tmpl, "%s/root.yaml", dir) < 0 ||
		    asprintf(&c->more, "%s/templates", dir) < 0 ||
		    asprintf(&c->state, "%s/state.yaml", dir) < 0)
			return 1;
		argv_gen[2] = dir;
		if (proc_run(argv_gen, NULL, 0, &r) < 0 || r.status != 0)
			return 1;
		free(dir);
	}
	printf("cfn-dryrun benchmark: %d runs per input (median wall time, process start "
	       "included); phases in ms from CFN_DRYRUN_TIMINGS\n\n", o.runs);
	printf("%-24s %9s %7s %7s %7s %6s  %5s %5s %6s %6s %6s %5s %9s %7s\n", "input", "bytes",
	       "wall ms", "RSS MiB", "floor", "ratio", "model", "state", "load", "resolv", "simul",
	       "rprt", "cfn-lint", "lint/us");
	for (i = 0; i < (size_t)n_cases; i++) {
		run_case(&o, &cases[i]);
		crashes += cases[i].tool.status >= 128;
	}
	for (i = 0; i < (size_t)n_cases; i++)
		print_case(&cases[i]);
	if (!o.lint)
		printf("(cfn-lint: none; make bench-tools installs the npm package cfn-lint)\n");
	printf("\n");
	if (o.corpus) {
		list_templates(o.corpus, 0, &fl);
		if (fl.n)
			qsort(fl.paths, fl.n, sizeof(*fl.paths), by_path);
		if (fl.n) {
			int c;
			corpus_ms = corpus_batch(&o, &fl, &c);
			crashes += c;
		}
		for (i = 0; i < fl.n; i++)
			free(fl.paths[i]);
		free(fl.paths);
	}
	if (!fl.n)
		printf("corpus: none (pass CORPUS=DIR)\n");
	growth = cases[3].tool.wall_ms / cases[2].tool.wall_ms;
	bound = (10000.0 * log(10000.0)) / (500.0 * log(500.0));
	printf("\ntargets:\n");
	target("500 resources, wall time including process start", cases[2].tool.wall_ms, 20, "ms");
	if (corpus_ms >= 0)
		target("whole corpus, one process per template", corpus_ms, 1000, "ms");
	for (i = 0; i < (size_t)n_cases; i++) {
		char *what;
		if (asprintf(&what, "ratio to the parse floor, %s", cases[i].name) < 0)
			continue;
		target(what, cases[i].tool.wall_ms / cases[i].floor.wall_ms, 3, "x");
		free(what);
	}
	target("growth 500 -> 10000 resources (n log n bound)", growth, bound, "x");
	target("peak RSS, 500 resources", cases[2].tool.max_rss_mib, 64, "MiB");
	for (i = 0; i < (size_t)n_cases; i++) {
		free(cases[i].tmpl);
		free(cases[i].state);
		free(cases[i].report);
		free(cases[i].more);
	}
	srcfile_reset();
	if (crashes)
		printf("\n%d crash%s: see above\n", crashes, crashes == 1 ? "" : "es");
	return crashes ? 1 : 0;
}
