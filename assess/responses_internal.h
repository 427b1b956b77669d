/*
 * responses_internal.h — the private state of a response set, shared by
 * responses.c (reading files) and responses_group.c (grouping their
 * submissions into assessments).  Private to the engine.
 */
#ifndef ASSESS_RESPONSES_INTERNAL_H
#define ASSESS_RESPONSES_INTERNAL_H

#include "answer.h"
#include "assess.h"
#include "read.h"
#include "util.h"

#define SINGLE_UNSEEN 0xFFFF /* choices are limited to 1,000 (docs/limits.md) */

/* A file already read: its size, and its hash once another file of
 * that size asked for it. */
typedef struct {
    const char *path;
    uint64_t hash;
    size_t size;
    bool hashed;
} file_digest;

struct assess_responses_state {
    assess_arena *a;
    assess_index items;       /* item id → index */
    assess_index meta_keys;   /* key → index into meta_keys */
    assess_vec submissions;   /* assess_submission */
    assess_vec assessments_v; /* assess_assessment */
    assess_vec keys_v;        /* const char * */
    size_t *owner;            /* per submission: its assessment */
    size_t *flat;             /* every assessment's submission indices */
    /* per scale, 128 entries: the choice a one-character ASCII answer
     * matches, + 1 (0: none; SINGLE_UNSEEN: not asked yet).  Statewide
     * files answer "0"…"4" millions of times; a look-up here is the
     * matcher's own verdict, asked once. */
    uint16_t *single;
    /* a lone respondent's item results, by answer (score_internal.h) */
    assess_item_result *one;
    size_t *one_at;
    assess_answer_keys *keys;  /* per scale: what its answers are matched against */
    const char *entity_column; /* the entity column's name when not "entity" */
    assess_index entity_keys;  /* folded "entity\x1f cycle" → assessment */
    assess_index spellings;    /* "entity\x1f cycle" as written, another spelling → warned */
    assess_vec first_sub;      /* per assessment: its first submission (size_t) */
    assess_index instances;    /* instance id → submission */
    assess_vec files;          /* file_digest: files read, to count a file given twice once */
    assess_index multis;          /* multi item id → index (responses_multi.c) */
    assess_answer_keys *list_keys; /* per choice list: what options are matched against */
    /* per multi item: the cells read so far that gave no diagnostic,
     * each with its set (responses_multi.c).  A statewide file repeats a
     * few hundred cells ("tool legal") a million times, and matching one
     * folds every run of its words. */
    struct multi_memo *multi_memo;
};

/* The earlier file that `path` is a byte-for-byte copy of, or NULL; fd
 * gets the file's digest, to remember once it is read (fd->path is NULL
 * for a file that cannot be read twice, such as a pipe). */
const char *assess_responses_same_file(struct assess_responses_state *s, const char *path,
                                       file_digest *fd);

/* What a column of a file holds. */
typedef enum {
    COL_IGNORE,
    COL_ENTITY,
    COL_QUESTIONNAIRE,
    COL_CYCLE,
    COL_RESPONDENT,
    COL_SUBMITTED,
    COL_ITEM,
    COL_EVIDENCE,
    COL_NOTES,
    COL_MULTI, /* a survey question: item is the multi item's index */
    COL_MULTI_OPTION, /* one option of it (ITEM/VALUE, 1 or 0): item is
                         multi × ASSESS_MULTI_OPTIONS_MAX + option */
    COL_META,
    /* survey tools' own columns */
    COL_INSTANCE,
    COL_TOOL_SUBMITTED,
    COL_TOOL_RESPONDENT,
    /* long files */
    COL_L_ITEM,
    COL_L_ANSWER,
} col_kind;

typedef struct {
    col_kind kind;
    size_t item; /* for ITEM, EVIDENCE, NOTES */
    const char *name;
} column;

/* What header h of a wide file holds (responses_header.c).  A survey
 * tool's bookkeeping column comes back as COL_IGNORE. */
column assess_header_classify(const assess_responses *r, const char *h);

/* The name metadata column h is kept under: its last segment. */
const char *assess_header_meta_name(const char *h, bool hyphens);

/* The error for a wide file none of whose columns is an item, saying
 * which columns look like items written another way or like question
 * texts. */
void assess_header_no_items(const assess_responses *r, const assess_row *row,
                            const column *cols, size_t ncols, assess_diags *d);

/* ## Reading one file (responses.c) */

/* Values of a column kept once each up to this many different ones
 * (assess_intern): cycles and regions repeat, names and populations do
 * not. */
#define INTERN_MAX 256

typedef struct {
    assess_responses *r;
    assess_diags *d;
    const char *path;
    size_t errors_before;
    bool header_done, long_form, broken;
    size_t ncols;
    column *cols;
    const char *instance; /* the current row's instance id */
    size_t instance_col;
    size_t first_submission; /* this file's submissions start here */
    /* long form: the one submission being built */
    assess_submission *sub;
    long *item_line; /* long form: where each item was answered */
    assess_vec meta;  /* long form: assess_meta */
    bool nomem;
    /* per column of a wide file: its values kept once each when they
     * repeat (cycles, regions), else NULL */
    assess_intern *interns;
    /* where the rows go: the set's arena and submissions, or, for a part
     * of a file read on its own thread, the part's (responses_parts.c) */
    assess_arena *a;
    assess_vec *subs;
    struct multi_memo *memo;
} file_reader;

/* The header row: what each column holds (f->cols), long or wide. */
void assess_responses_read_header(file_reader *f, const assess_row *row);
/* A wide file's row as a new submission in f->subs. */
void assess_responses_read_wide_row(file_reader *f, const assess_row *row);
/* The verdict on every one-character ASCII answer to scale k, asked
 * now (else on first use); false when memory ran out. */
bool assess_responses_single_fill(assess_responses *r, size_t k);
/* Reads a wide CSV file of plain lines in parts, one per core, into f's
 * set (responses_parts.c): true when it did, as reading it row by row
 * would have; false when the file is not one it reads (read.h) or
 * reading gave any diagnostic, and then nothing has changed but f's
 * arena (the caller reads the file row by row with a new reader). */
bool assess_responses_read_parts(file_reader *f);

/* Joins the submissions from `first` on (one file's, all valid) to their
 * assessments, creating those not seen before; checks the respondents
 * limit and merges metadata (docs/formats.md). */
assess_status assess_responses_commit(assess_responses *r, size_t first, assess_diags *d);

/* ## Survey questions (responses_multi.c) */

/* The multi items' index, the choice lists' keys and the cells
 * remembered; false when memory ran out.  The cleanup frees the index
 * and the cells (the keys are in the arena). */
bool assess_multi_state_init(assess_responses *r);
void assess_multi_state_cleanup(assess_responses *r);
/* The multi item with this id, or ASSESS_NONE. */
size_t assess_multi_of(const assess_responses *r, const char *id);
/* Cells remembered for each multi item, with what they mean: the set's
 * own (r->state->multi_memo), and one for each part of a file read on a
 * thread of its own.  NULL when memory ran out. */
struct multi_memo *assess_multi_memo_new(const assess_responses *r);
void assess_multi_memo_free(const assess_responses *r, struct multi_memo *mm);
/* A cell answering multi item m: ASSESS_MULTI_ANSWERED and a bit per
 * option it names, 0 when blank or wrong (an error at row, col).  A cell
 * that gave no diagnostic is remembered in memo (its text in a). */
uint64_t assess_multi_cell(const assess_responses *r, struct multi_memo *memo, assess_arena *a,
                           size_t m, const assess_row *row, size_t col, const char *cell,
                           const char *column_name, assess_diags *d, bool *nomem);
/* A column ITEM/VALUE naming one option of a multi item (KoboToolbox's
 * "select_multiple" export has one, 1 or 0, beside the column of codes):
 * ASSESS_NONE, or multi × ASSESS_MULTI_OPTIONS_MAX + option. */
size_t assess_multi_option_column(const assess_responses *r, const char *h);
/* Its cell: yes or no (1, 0, …) recorded in sub; an error at row, col
 * for anything else; a blank says nothing. */
void assess_multi_option_cell(const assess_responses *r, assess_submission *sub, size_t which,
                              const assess_row *row, size_t col, const char *cell,
                              const char *column_name, assess_diags *d, bool *nomem);
/* A long file's row whose item is a multi item (its options listed) or
 * ITEM/VALUE (one option, yes or no): recorded in sub, and true; false
 * when the id names neither. */
bool assess_multi_long_row(const assess_responses *r, assess_submission *sub,
                           const assess_row *row, size_t id_col, size_t answer_col,
                           const char *id, const char *answer, assess_diags *d, bool *nomem);

#endif
