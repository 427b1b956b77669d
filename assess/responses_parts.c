/*
 * responses_parts.c — a large wide CSV file read on every core: the CSV
 * reader cuts its lines into runs (assess_csv_read_parts, read.h) and
 * each run's rows become submissions on a thread of its own, with an
 * arena, submissions, remembered survey cells and column values of its
 * own; the runs are then joined in file order.  Only what reading row by
 * row would give is kept: a file with any diagnostic, or one whose
 * columns need the whole set while reading (a survey tool's instance
 * ids, which find a submission given twice), is read row by row instead,
 * so its messages are the ones they always were.
 */
#define _POSIX_C_SOURCE 200809L /* sysconf */

#include "read.h"
#include "responses_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file below this size is read row by row: threads would cost more
 * than they save. */
#define PARTS_MIN_BYTES (1024L * 1024)
#define PARTS_MAX       8

typedef struct {
    file_reader f;
    const file_reader *head; /* the header's reader: columns */
    assess_diags d;
    assess_vec subs;
    bool started;
} part_reader;

/* The header: read as row by row would, but its diagnostics kept aside
 * (a file with any is read again row by row, which gives them). */
static int on_head(const assess_row *row, void *ud)
{
    file_reader *f = ud;
    f->header_done = true;
    assess_responses_read_header(f, row);
    if (f->broken || f->nomem || f->long_form || f->d->count || f->d->dropped)
        return 1;
    for (size_t i = 0; i < f->ncols; i++) {
        switch (f->cols[i].kind) {
        case COL_IGNORE:
        case COL_ENTITY:
        case COL_QUESTIONNAIRE:
        case COL_CYCLE:
        case COL_RESPONDENT:
        case COL_SUBMITTED:
        case COL_EVIDENCE:
        case COL_NOTES:
        case COL_MULTI:
        case COL_MULTI_OPTION:
        case COL_META:
            break;
        case COL_ITEM:
            /* the threads only read the one-character answers' table */
            if (!assess_responses_single_fill(f->r, f->r->q->items[f->cols[i].item].scale))
                return 1;
            break;
        default:
            return 1;
        }
    }
    return 0;
}

static int on_part_row(const assess_row *row, void *ud)
{
    part_reader *p = ud;
    file_reader *f = &p->f;
    if (!p->started) {
        p->started = true;
        f->header_done = true;
        f->ncols = p->head->ncols;
        f->cols = p->head->cols;
        f->interns = calloc(f->ncols ? f->ncols : 1, sizeof *f->interns);
        if (!f->interns)
            return 1;
        for (size_t i = 0; i < f->ncols; i++)
            assess_intern_init(&f->interns[i], INTERN_MAX);
    }
    assess_responses_read_wide_row(f, row);
    return f->nomem || p->d.count || p->d.dropped;
}

static void part_cleanup(part_reader *p)
{
    file_reader *f = &p->f;
    for (size_t i = 0; f->interns && i < f->ncols; i++)
        assess_intern_cleanup(&f->interns[i]);
    free(f->interns);
    assess_multi_memo_free(f->r, f->memo);
    assess_arena_free(f->a);
    assess_vec_cleanup(&p->subs);
    assess_diags_cleanup(&p->d);
}

bool assess_responses_read_parts(file_reader *f)
{
    /* a small file (a city's) costs one stat here, nothing more */
    struct stat st;
    if (stat(f->path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < PARTS_MIN_BYTES)
        return false;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cores < 1 ? 1 : cores > PARTS_MAX ? PARTS_MAX : (size_t)cores;
    if (n < 2)
        return false;
    struct assess_responses_state *s = f->r->state;
    assess_diags head_d, *d = f->d;
    assess_diags_init(&head_d);
    f->d = &head_d;
    part_reader parts[PARTS_MAX];
    void *uds[PARTS_MAX];
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        part_reader *p = &parts[k];
        *p = (part_reader){.head = f};
        assess_diags_init(&p->d);
        assess_vec_init(&p->subs, sizeof(assess_submission));
        p->f = (file_reader){.r = f->r, .d = &p->d, .path = f->path, .subs = &p->subs};
        p->f.a = assess_arena_new();
        p->f.memo = assess_multi_memo_new(f->r);
        ok = ok && p->f.a && p->f.memo;
        uds[k] = p;
    }
    long lines[PARTS_MAX];
    ok = ok &&
         assess_csv_read_parts(f->path, PARTS_MIN_BYTES, n, on_head, f, on_part_row, uds, lines);
    for (size_t k = 0; ok && k < n; k++)
        ok = !parts[k].f.nomem && parts[k].d.count == 0 && !assess_arena_failed(parts[k].f.a);
    /* joined in file order, each row's line counted from the file's
     * start; the first run's array becomes the set's when the set has
     * none yet (a large array grows in place), and each run's is freed
     * as soon as it is copied */
    size_t total = s->submissions.count;
    for (size_t k = 0; ok && k < n; k++) {
        assess_submission *sub = parts[k].subs.data;
        for (size_t i = 0; i < parts[k].subs.count; i++)
            sub[i].line += lines[k];
        total += parts[k].subs.count;
    }
    if (ok && s->submissions.count == 0) {
        assess_vec first = s->submissions;
        s->submissions = parts[0].subs;
        parts[0].subs = first;
    }
    ok = ok && assess_vec_reserve(&s->submissions, total);
    for (size_t k = 0; ok && k < n; k++) {
        if (parts[k].subs.count) {
            memcpy((assess_submission *)s->submissions.data + s->submissions.count,
                   parts[k].subs.data, parts[k].subs.count * sizeof(assess_submission));
            s->submissions.count += parts[k].subs.count;
        }
        assess_vec_cleanup(&parts[k].subs);
    }
    if (ok) {
        for (size_t k = 0; k < n; k++) {
            assess_arena_adopt(s->a, parts[k].f.a);
            parts[k].f.a = NULL;
        }
    } else {
        s->submissions.count = f->first_submission;
    }
    for (size_t k = 0; k < n; k++)
        part_cleanup(&parts[k]);
    assess_diags_cleanup(&head_d);
    f->d = d;
    return ok;
}
