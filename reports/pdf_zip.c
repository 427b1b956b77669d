/*
 * pdf_zip.c — the streams of a document deflated on a second thread while
 * the pages are drawn: each page's content stream when the next page
 * starts (nothing writes to a page once it is left), the fonts' programs
 * and maps as soon as they are made.  Deflating was a fifth of a city
 * report's instructions, all of it after the last page, on the path to
 * the file; now it overlaps the layout, and pdf_raw_compress finds only
 * what was not done here (a stream whose job could not be made, or which
 * changed after it was handed over) to deflate itself.
 *
 * The thread touches nothing of libharu's and allocates nothing (so a
 * test that makes the N-th allocation fail sees the same allocations in
 * the same order): the main thread notes where the stream's bytes lie,
 * allocates the output, and after joining puts each result in its
 * stream's place.  The bytes are what deflating on one thread gives.
 */
#include "pdf_internal.h"

#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct zjob {
    struct zjob *next;
    HPDF_Dict dict;
    size_t insize; /* the stream's size when handed over */
    HPDF_UINT nbufs;
    const HPDF_BYTE **ptr;
    HPDF_UINT *len;
    unsigned char *out;
    size_t cap, n;
    bool ok;
} zjob;

struct pdf_zip {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    z_stream z;
    zjob *first, *last; /* every job, in the order handed over */
    zjob *todo;         /* the next job for the thread */
    bool closing;
};

/* What deflate needs at most for n bytes at any settings (zlib's
 * deflateBound without a stream, which the thread is using). */
static size_t bound(size_t n)
{
    return n + ((n + 7) >> 3) + ((n + 63) >> 6) + 5 + 6;
}

static void deflate_job(z_stream *z, zjob *j)
{
    if (deflateReset(z) != Z_OK)
        return;
    z->next_out = j->out;
    z->avail_out = (uInt)j->cap;
    int rc = Z_OK;
    for (HPDF_UINT k = 0; k < j->nbufs && rc == Z_OK; k++) {
        z->next_in = (Bytef *)j->ptr[k];
        z->avail_in = j->ptr[k] ? j->len[k] : 0;
        rc = deflate(z, k + 1 == j->nbufs ? Z_FINISH : Z_NO_FLUSH);
    }
    if (rc == Z_STREAM_END) {
        j->n = j->cap - z->avail_out;
        j->ok = true;
    }
}

static void *run(void *arg)
{
    struct pdf_zip *zp = arg;
    for (;;) {
        pthread_mutex_lock(&zp->mu);
        while (!zp->todo && !zp->closing)
            pthread_cond_wait(&zp->cv, &zp->mu);
        zjob *j = zp->todo;
        if (j)
            zp->todo = j->next;
        pthread_mutex_unlock(&zp->mu);
        if (!j)
            return NULL;
        deflate_job(&zp->z, j);
    }
}

void pdf_zip_start(pdf_lay *L)
{
    struct pdf_zip *zp = calloc(1, sizeof *zp);
    if (!zp)
        return; /* everything deflated by pdf_raw_compress */
    if (deflateInit2(&zp->z, PDF_RAW_LEVEL, Z_DEFLATED, 15, PDF_RAW_MEMLEVEL,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        free(zp);
        return;
    }
    if (pthread_mutex_init(&zp->mu, NULL) != 0) {
        deflateEnd(&zp->z);
        free(zp);
        return;
    }
    if (pthread_cond_init(&zp->cv, NULL) != 0) {
        pthread_mutex_destroy(&zp->mu);
        deflateEnd(&zp->z);
        free(zp);
        return;
    }
    if (pthread_create(&zp->thread, NULL, run, zp) != 0) {
        pthread_cond_destroy(&zp->cv);
        pthread_mutex_destroy(&zp->mu);
        deflateEnd(&zp->z);
        free(zp);
        return;
    }
    L->zip = zp;
}

static void job_free(zjob *j)
{
    free(j->ptr);
    free(j->len);
    free(j->out);
    free(j);
}

void pdf_zip_add(pdf_lay *L, HPDF_Dict dict)
{
    struct pdf_zip *zp = L->zip;
    if (!zp || L->failed || !dict || !dict->stream || dict->stream->type != HPDF_STREAM_MEMORY ||
        dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE || dict->stream->size == 0)
        return;
    HPDF_Stream st = dict->stream;
    zjob *j = calloc(1, sizeof *j);
    if (!j)
        return;
    j->dict = dict;
    j->insize = st->size;
    j->nbufs = HPDF_MemStream_GetBufCount(st);
    j->ptr = malloc(j->nbufs * sizeof *j->ptr);
    j->len = malloc(j->nbufs * sizeof *j->len);
    j->cap = bound(st->size);
    j->out = malloc(j->cap);
    if (!j->ptr || !j->len || !j->out) {
        job_free(j);
        return;
    }
    for (HPDF_UINT k = 0; k < j->nbufs; k++)
        j->ptr[k] = HPDF_MemStream_GetBufPtr(st, k, &j->len[k]);
    pthread_mutex_lock(&zp->mu);
    if (zp->last)
        zp->last->next = j;
    else
        zp->first = j;
    zp->last = j;
    if (!zp->todo)
        zp->todo = j;
    pthread_cond_signal(&zp->cv);
    pthread_mutex_unlock(&zp->mu);
}

static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Puts a job's output in its stream's place (as pdf_raw_compress does). */
static void apply(pdf_lay *L, zjob *j)
{
    HPDF_Dict d = j->dict;
    HPDF_Stream st = d->stream;
    if (!j->ok || st->size != j->insize || d->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
        return; /* left to pdf_raw_compress */
    HPDF_MemStream_FreeData(st);
    if (HPDF_Stream_Write(st, j->out, (HPDF_UINT)j->n) != HPDF_OK) {
        pdf_check(L);
        pdf_fail(L, "PDF: cannot compress a stream (out of memory)");
        return;
    }
    d->filter = HPDF_STREAM_FILTER_NONE;
    d->write_fn = write_flate_filter;
}

void pdf_zip_finish(pdf_lay *L)
{
    struct pdf_zip *zp = L->zip;
    if (!zp)
        return;
    pthread_mutex_lock(&zp->mu);
    zp->closing = true;
    pthread_cond_signal(&zp->cv);
    pthread_mutex_unlock(&zp->mu);
    pthread_join(zp->thread, NULL);
    for (zjob *j = zp->first, *next; j; j = next) {
        next = j->next;
        if (!L->failed)
            apply(L, j);
        job_free(j);
    }
    pthread_cond_destroy(&zp->cv);
    pthread_mutex_destroy(&zp->mu);
    deflateEnd(&zp->z);
    free(zp);
    L->zip = NULL;
}
