/*
 * bench_run.c — see bench_run.h.
 */
#define _DEFAULT_SOURCE /* wait4 */

#include "bench_run.h"

#include <fcntl.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_child(char *const argv[], bool silent, double *seconds, double *cpu,
                     long *peak_kb)
{
    double t0 = bench_now();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            if (silent)
                dup2(fd, STDERR_FILENO);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    *seconds = bench_now() - t0;
    *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    *peak_kb = ru.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int bench_run_cpu(char *const argv[], double *seconds, double *cpu, long *peak_kb)
{
    return run_child(argv, false, seconds, cpu, peak_kb);
}

int bench_run_silent(char *const argv[], double *seconds, double *cpu, long *peak_kb)
{
    return run_child(argv, true, seconds, cpu, peak_kb);
}

int bench_run(char *const argv[], double *seconds, long *peak_kb)
{
    double cpu;
    return bench_run_cpu(argv, seconds, &cpu, peak_kb);
}
