/*
 * pdf_runs.c — breaking inline runs (doc.h: plain, emphasis, strong,
 * links) into lines: the words of several runs flow as one text, each
 * piece measured in its own face, and a line is cut into pieces where
 * the face or the link changes.
 */
#include "pdf_internal.h"

#include "utf8.h"

#include <string.h>

typedef struct {
    const char *s; /* clean text of one run */
    size_t n;
    int face;
    const char *link;
} run_text;

typedef enum { TOK_WORD, TOK_SPACE, TOK_BREAK } tok_kind;

typedef struct {
    tok_kind kind;
    size_t run, off, len;
    double w;
    bool cut; /* a piece of a word wider than a line: a line may start here */
} token;

int pdf_run_face(unsigned style)
{
    return ((style & DOC_RUN_STRONG) ? 1 : 0) | ((style & DOC_RUN_EMPHASIS) ? 2 : 0);
}

/* Adds a word's token, cut between characters into pieces no wider than
 * width when it is wider (as pdf_wrap does). */
static size_t add_word(pdf_lay *L, token *t, size_t n, const run_text *r, size_t run, size_t i,
                       size_t j, double size, double width)
{
    const pdf_face *f = L->face[r->face];
    double w = pdf_face_width(f, r->s + i, j - i, size);
    if (w <= width) {
        t[n++] = (token){TOK_WORD, run, i, j - i, w, false};
        return n;
    }
    bool first = true;
    while (i < j) {
        size_t k = i, end = i;
        double pw = 0;
        while (k < j) {
            size_t at = k;
            uint32_t c;
            k += assess_utf8_decode(r->s + k, j - k, &c);
            double cw = pdf_face_cwidth(f, c) * size / 1000.0;
            if (end > i && pw + cw > width) {
                k = at;
                break;
            }
            pw += cw;
            end = k;
        }
        t[n++] = (token){TOK_WORD, run, i, end - i, pdf_face_width(f, r->s + i, end - i, size),
                         !first};
        first = false;
        i = end;
    }
    return n;
}

/* The tokens of the runs: pieces of words, single spaces and line breaks,
 * each within one run. */
static token *tokenize(pdf_lay *L, const run_text *rt, size_t nruns, double size, double width,
                       size_t *ntok)
{
    size_t cap = 0;
    for (size_t r = 0; r < nruns; r++)
        cap += rt[r].n + 1;
    token *t = pdf_alloc(L, (cap ? cap : 1) * sizeof *t);
    if (!t)
        return NULL;
    size_t n = 0;
    for (size_t r = 0; r < nruns; r++) {
        const char *s = rt[r].s;
        size_t i = 0;
        while (i < rt[r].n) {
            tok_kind k = s[i] == '\n' ? TOK_BREAK : s[i] == ' ' ? TOK_SPACE : TOK_WORD;
            size_t j = i + 1;
            if (k == TOK_WORD) {
                while (j < rt[r].n && s[j] != ' ' && s[j] != '\n')
                    j++;
                n = add_word(L, t, n, &rt[r], r, i, j, size, width);
            } else {
                t[n++] = (token){k, r, i, 1,
                                 k == TOK_BREAK ? 0 : pdf_face_width(L->face[rt[r].face], s + i, 1, size),
                                 false};
            }
            i = j;
        }
    }
    *ntok = n;
    return t;
}

static bool push_piece(pdf_lay *L, pdf_piece **pieces, size_t *np, size_t *cap, pdf_piece p)
{
    if (*np == *cap) {
        size_t c = *cap ? 2 * *cap : 32;
        pdf_piece *g = pdf_alloc(L, c * sizeof *g);
        if (!g)
            return false;
        if (*np)
            memcpy(g, *pieces, *np * sizeof *g);
        *pieces = g;
        *cap = c;
    }
    (*pieces)[(*np)++] = p;
    return true;
}

/* The pieces of tokens [a, b) of one line (spaces at either end left
 * out): one piece per stretch of one run. */
static bool add_pieces(pdf_lay *L, const run_text *rt, const token *t, size_t a, size_t b,
                       pdf_piece **pieces, size_t *np, size_t *cap, double *width)
{
    while (a < b && t[a].kind != TOK_WORD)
        a++;
    while (b > a && t[b - 1].kind != TOK_WORD)
        b--;
    double x = 0;
    for (size_t k = a; k < b; k++) {
        pdf_piece *last = *np ? &(*pieces)[*np - 1] : NULL;
        if (k > a && last && t[k].run == t[k - 1].run) {
            last->n += t[k].len;
            last->w += t[k].w;
        } else {
            const run_text *r = &rt[t[k].run];
            if (!push_piece(L, pieces, np, cap,
                            (pdf_piece){r->s + t[k].off, t[k].len, x, t[k].w, r->face, r->link}))
                return false;
        }
        x += t[k].w;
    }
    *width = x;
    return true;
}

pdf_rline *pdf_wrap_runs(pdf_lay *L, const doc_run *runs, size_t nruns, double size, double width,
                         pdf_piece **pieces, size_t *nlines)
{
    *nlines = 0;
    *pieces = NULL;
    run_text *rt = pdf_alloc(L, (nruns ? nruns : 1) * sizeof *rt);
    if (!rt)
        return NULL;
    for (size_t r = 0; r < nruns; r++) {
        rt[r].s = pdf_clean(L, runs[r].text, &rt[r].n);
        rt[r].face = pdf_run_face(runs[r].style);
        rt[r].link = runs[r].link;
    }
    size_t nt = 0;
    token *t = tokenize(L, rt, nruns, size, width, &nt);
    pdf_rline *lines = pdf_alloc(L, (nt + 1) * sizeof *lines);
    if (!t || !lines)
        return NULL;
    size_t np = 0, cap = 0;
    size_t start = 0, k = 0;
    double w = 0; /* of the line so far, up to its last word */
    while (k < nt) {
        if (t[k].kind == TOK_BREAK) {
            pdf_rline *ln = &lines[(*nlines)++];
            ln->first = np;
            if (!add_pieces(L, rt, t, start, k, pieces, &np, &cap, &ln->w))
                return NULL;
            ln->n = np - ln->first;
            start = ++k;
            w = 0;
            continue;
        }
        /* the next word (its pieces up to a space or break) and the spaces before it */
        size_t j = k;
        double sp = 0, ww = 0;
        while (j < nt && t[j].kind == TOK_SPACE)
            sp += t[j++].w;
        size_t word = j;
        while (j < nt && t[j].kind == TOK_WORD && (j == word || !t[j].cut))
            ww += t[j++].w;
        bool empty = w == 0 && k == start;
        if (!empty && word < j && w + sp + ww > width + 1e-6) {
            pdf_rline *ln = &lines[(*nlines)++];
            ln->first = np;
            if (!add_pieces(L, rt, t, start, k, pieces, &np, &cap, &ln->w))
                return NULL;
            ln->n = np - ln->first;
            /* the space at the break is drawn (invisible, not in the width), so
             * the tagged text reads "the city" rather than "thecity" */
            pdf_piece *last = ln->n ? &(*pieces)[np - 1] : NULL;
            const run_text *sr = &rt[t[k].run];
            if (last && t[k].kind == TOK_SPACE && sr->s + t[k].off == last->s + last->n) {
                last->n++;
            } else if (last && t[k].kind == TOK_SPACE) { /* the space starts the next run */
                if (!push_piece(L, pieces, &np, &cap,
                                (pdf_piece){sr->s + t[k].off, 1, ln->w, 0, sr->face, NULL}))
                    return NULL;
                ln->n++;
            }
            start = word;
            k = word;
            w = 0;
            continue;
        }
        w += (empty ? 0 : sp) + ww;
        k = j;
    }
    if (start < nt) {
        pdf_rline *ln = &lines[*nlines];
        ln->first = np;
        if (!add_pieces(L, rt, t, start, nt, pieces, &np, &cap, &ln->w))
            return NULL;
        ln->n = np - ln->first;
        if (ln->n)
            (*nlines)++;
    }
    return lines;
}
