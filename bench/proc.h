/*
 * proc.h - running one command for the benchmark and measuring it: wall
 * time around fork/exec/wait4, peak RSS from the child's rusage, its exit
 * status, and (optionally) what it wrote to standard error.
 */
#ifndef CFN_BENCH_PROC_H
#define CFN_BENCH_PROC_H

#include <stddef.h>

struct proc_run {
	double wall_ms;  /* fork to reaped, milliseconds */
	long max_rss_kb; /* the child's peak resident set (ru_maxrss), KiB */
	int status;      /* exit status, or 128 + signal, or -1 when it could not run */
	char *err;       /* owned: standard error when asked for, else NULL */
};

/* Runs argv (borrowed, NULL-terminated) with standard input from
 * /dev/null, standard output to out_path (NULL: /dev/null), standard error
 * kept in r->err when keep_err, else discarded.  Fills r; returns 0, or
 * -1 when the command could not be started. */
int proc_run(char *const *argv, const char *out_path, int keep_err, struct proc_run *r);
/* Frees what r owns. */
void proc_run_free(struct proc_run *r);
/* The median of n values (sorts v in place); 0 for n == 0. */
double proc_median(double *v, size_t n);

#endif
