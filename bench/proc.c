/*
 * proc.c - fork/exec/wait4 with a monotonic clock around it, for the
 * benchmark runner (see proc.h): one child at a time, its standard error
 * read through a pipe when asked for.
 */
#define _GNU_SOURCE /* wait4 */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads all of fd into a new NUL-terminated string. */
static char *read_all(int fd)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	ssize_t got;

	if (!buf)
		return NULL;
	for (;;) {
		if (len + 1 >= cap) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		}
		got = read(fd, buf + len, cap - len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	buf[len] = '\0';
	return buf;
}

/* In the child: wires the descriptors and execs; never returns. */
static void child(char *const *argv, const char *out_path, int err_fd)
{
	int in = open("/dev/null", O_RDONLY);
	int out = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int err = err_fd >= 0 ? err_fd : open("/dev/null", O_WRONLY);

	if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(127);
	execv(argv[0], argv);
	_exit(127);
}

int proc_run(char *const *argv, const char *out_path, int keep_err, struct proc_run *r)
{
	int fds[2] = { -1, -1 }, wstatus;
	struct rusage ru;
	double start;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	if (keep_err && pipe(fds) < 0)
		return -1;
	start = now_ms();
	pid = fork();
	if (pid < 0) {
		if (keep_err)
			close(fds[0]), close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		if (keep_err)
			close(fds[0]);
		child(argv, out_path, keep_err ? fds[1] : -1);
	}
	if (keep_err) {
		close(fds[1]);
		r->err = read_all(fds[0]); /* the pipe closes when the child exits */
		close(fds[0]);
	}
	while (wait4(pid, &wstatus, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	r->wall_ms = now_ms() - start;
	r->max_rss_kb = ru.ru_maxrss;
	r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
	return 0;
}

void proc_run_free(struct proc_run *r)
{
	free(r->err);
	r->err = NULL;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double proc_median(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
