/*
 * bench_run.h — timing a child process (the built command) for the
 * benchmark programs: wall time and peak memory.
 */
#ifndef BENCH_RUN_H
#define BENCH_RUN_H

/* Seconds on a monotonic clock. */
double bench_now(void);

/* Runs argv (argv[0] a path) with standard output to /dev/null; returns
 * its exit status, or -1.  *seconds gets the wall time, *peak_kb the
 * child's peak resident set. */
int bench_run(char *const argv[], double *seconds, long *peak_kb);

/* The same, also giving the child's CPU time (user + system) in *cpu:
 * on a machine others use too, CPU time varies far less than wall time. */
int bench_run_cpu(char *const argv[], double *seconds, double *cpu, long *peak_kb);

/* bench_run_cpu with standard error to /dev/null too: for commands run
 * many times in a row, whose "wrote …" lines would fill the screen. */
int bench_run_silent(char *const argv[], double *seconds, double *cpu, long *peak_kb);

#endif
