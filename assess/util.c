/*
 * util.c — the arena, growable arrays, the string index and text helpers
 * shared by the engine's loaders.  Nothing here knows about
 * questionnaires or responses.
 */
#include "util.h"
#include "utf8.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ## Arena */

#define ARENA_BLOCK (64 * 1024)

/* Under AddressSanitizer every allocation is followed by a poisoned gap
 * and a block's free space stays poisoned, so that running past the end
 * of an arena allocation is caught like running past a malloc'd one. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define ARENA_REDZONE 32
#define ARENA_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define ARENA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define ARENA_REDZONE 0
#define ARENA_POISON(p, n) ((void)(p), (void)(n))
#define ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    _Alignas(max_align_t) unsigned char data[];
} arena_block;

struct assess_arena {
    arena_block *head;
    bool failed;
};

assess_arena *assess_arena_new(void)
{
    return calloc(1, sizeof(assess_arena));
}

void assess_arena_free(assess_arena *a)
{
    if (!a)
        return;
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        ARENA_UNPOISON(b->data, b->cap);
        free(b);
        b = next;
    }
    free(a);
}

void assess_arena_adopt(assess_arena *a, assess_arena *from)
{
    if (!from)
        return;
    a->failed = a->failed || from->failed;
    /* behind a's head, so that its free space stays in use */
    arena_block *last = from->head;
    while (last && last->next)
        last = last->next;
    if (last && a->head) {
        last->next = a->head->next;
        a->head->next = from->head;
    } else if (last) {
        a->head = from->head;
    }
    free(from);
}

/* size bytes aligned to align (a power of two, at most max_align_t's),
 * zeroed when `zero` (a copy of a text is written over at once). */
static void *arena_alloc(assess_arena *a, size_t size, size_t align, bool zero)
{
    if (a->failed)
        return NULL;
    size_t asked = size;
    if (size > (size_t)-1 / 4) {
        a->failed = true;
        return NULL;
    }
    size += ARENA_REDZONE;
    if (size == 0)
        size = 1;
    arena_block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->cap || b->cap - at < size) {
        size_t cap = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
        arena_block *nb = malloc(sizeof(arena_block) + cap);
        if (!nb) {
            a->failed = true;
            return NULL;
        }
        nb->used = 0;
        nb->cap = cap;
        ARENA_POISON(nb->data, cap);
        /* A big allocation gets its own block behind the head, so the
         * head's free space stays usable for small ones. */
        if (b && cap != ARENA_BLOCK) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
        at = 0;
    }
    void *p = b->data + at;
    b->used = at + size;
    ARENA_UNPOISON(p, asked);
    if (zero)
        memset(p, 0, asked);
    return p;
}

void *assess_arena_alloc(assess_arena *a, size_t size)
{
    return arena_alloc(a, size, _Alignof(max_align_t), true);
}

void *assess_arena_alloc_aligned(assess_arena *a, size_t size, size_t align)
{
    return arena_alloc(a, size, align, true);
}

/* Text needs no alignment: a million short names packed end to end take
 * half the memory of names each rounded up to 16 bytes. */
char *assess_arena_strndup(assess_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1, 1, false);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *assess_arena_strdup(assess_arena *a, const char *s)
{
    return assess_arena_strndup(a, s, strlen(s));
}

bool assess_arena_failed(const assess_arena *a)
{
    return a->failed;
}

/* ## Growable arrays */

void assess_vec_init(assess_vec *v, size_t elem_size)
{
    v->data = NULL;
    v->count = v->cap = 0;
    v->size = elem_size;
}

void assess_vec_cleanup(assess_vec *v)
{
    free(v->data);
    v->data = NULL;
    v->count = v->cap = 0;
}

void *assess_vec_push(assess_vec *v)
{
    if (v->count == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *data = realloc(v->data, cap * v->size);
        if (!data)
            return NULL;
        v->data = data;
        v->cap = cap;
    }
    void *p = (char *)v->data + v->count++ * v->size;
    memset(p, 0, v->size);
    return p;
}

bool assess_vec_reserve(assess_vec *v, size_t n)
{
    if (n <= v->cap)
        return true;
    void *data = realloc(v->data, n * v->size);
    if (!data)
        return false;
    v->data = data;
    v->cap = n;
    return true;
}

/* ## Text */

bool assess_str_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    }
    return *a == *b;
}

void assess_str_trim(const char *s, const char **start, size_t *len)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *start = s;
    *len = n;
}

bool assess_str_number(const char *s, double *out)
{
    const char *t;
    size_t n;
    assess_str_trim(s, &t, &n);
    if (n == 0 || n > 64)
        return false;
    char buf[65];
    memcpy(buf, t, n);
    buf[n] = '\0';
    /* strtod would also take "inf", "nan" and hex; a questionnaire author
     * means a plain decimal. */
    for (size_t i = 0; i < n; i++) {
        if (!strchr("0123456789+-.eE", buf[i]))
            return false;
    }
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (*end != '\0' || errno != 0 || !isfinite(v))
        return false;
    *out = v;
    return true;
}

bool assess_str_grouped_number(const char *v, double *out)
{
    /* plain digits, what a statewide file nearly always holds: up to 15
     * of them are a whole number a double holds exactly, as strtod
     * would give it */
    uint64_t whole = 0;
    size_t digits = 0;
    while (digits < 16 && v[digits] >= '0' && v[digits] <= '9')
        whole = whole * 10 + (uint64_t)(v[digits++] - '0');
    if (digits > 0 && digits < 16 && v[digits] == '\0') {
        *out = (double)whole;
        return true;
    }
    char buf[96]; /* digits, with '|' where a separator was */
    size_t w = 0, group = 0, seps = 0;
    char last = 0, before_last = 0; /* the last two separators (' ' for spaces) */
    const char *s;
    size_t n;
    assess_utf8_trim(v, strlen(v), &s, &n);
    if (n > 0 && s[0] == '-')
        buf[w++] = '-', s++, n--;
    size_t first_digit = w;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += assess_utf8_decode(s + i, n - i, &cp);
        if (w + 2 >= sizeof buf)
            return false;
        if (cp >= '0' && cp <= '9') {
            buf[w++] = (char)cp;
            group++;
            continue;
        }
        bool space = assess_utf8_is_space(cp) || cp == '\'' || cp == 0x2019;
        if (group == 0 || (cp != ',' && cp != '.' && !space))
            return false; /* a separator must follow a digit */
        if (seps > 0 && group != 3)
            return false; /* inner groups are thousands */
        before_last = last;
        last = space ? ' ' : (char)cp;
        seps++;
        group = 0;
        buf[w++] = '|';
    }
    if (w == first_digit || group == 0)
        return false;
    /* Three digits after the last separator: thousands.  Any other count:
     * it is the decimal mark, which is neither a space nor the mark that
     * grouped the thousands before it. */
    bool decimal = seps > 0 && group != 3;
    if (decimal && (last == ' ' || (seps > 1 && before_last == last)))
        return false;
    size_t r = 0;
    size_t last_bar = w;
    for (size_t i = 0; i < w; i++) {
        if (buf[i] == '|')
            last_bar = i;
    }
    for (size_t i = 0; i < w; i++) {
        if (buf[i] != '|')
            buf[r++] = buf[i];
        else if (decimal && i == last_bar)
            buf[r++] = '.';
    }
    buf[r] = '\0';
    return assess_str_number(buf, out);
}

size_t assess_str_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    if (lb > 255 || la > 255)
        return limit + 1;
    size_t row[256];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = i;
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = diag + cost;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[lb] > limit ? limit + 1 : row[lb];
}

static void fold(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; s[n] && n < size - 1; n++)
        out[n] = (char)tolower((unsigned char)s[n]);
    out[n] = '\0';
}

size_t assess_str_idistance(const char *a, const char *b, size_t limit)
{
    /* past 255 bytes assess_str_distance gives up anyway */
    char fa[257], fb[257];
    if (strlen(a) > 256 || strlen(b) > 256)
        return limit + 1;
    fold(a, fa, sizeof fa);
    fold(b, fb, sizeof fb);
    return assess_str_distance(fa, fb, limit);
}

/* ## String index: open addressing, FNV-1a */

static uint32_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return (uint32_t)(h ^ (h >> 32));
}

void assess_index_init(assess_index *ix)
{
    memset(ix, 0, sizeof *ix);
}

void assess_index_cleanup(assess_index *ix)
{
    free(ix->slots);
    memset(ix, 0, sizeof *ix);
}

static assess_status index_grow(assess_index *ix)
{
    size_t cap = ix->cap ? ix->cap * 2 : 64;
    assess_index_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return ASSESS_ERR_NOMEM;
    for (size_t i = 0; i < ix->cap; i++) {
        if (!ix->slots[i].key)
            continue;
        size_t j = ix->slots[i].hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = ix->slots[i];
    }
    free(ix->slots);
    ix->slots = slots;
    ix->cap = cap;
    return ASSESS_OK;
}

assess_status assess_index_put(assess_index *ix, const char *key, size_t value)
{
    if ((ix->count + 1) * 2 > ix->cap) {
        assess_status st = index_grow(ix);
        if (st != ASSESS_OK)
            return st;
    }
    uint32_t h = hash_str(key);
    size_t j = h & (ix->cap - 1);
    while (ix->slots[j].key) {
        if (ix->slots[j].hash == h && strcmp(ix->slots[j].key, key) == 0) {
            ix->slots[j].value = value;
            return ASSESS_OK;
        }
        j = (j + 1) & (ix->cap - 1);
    }
    ix->slots[j] = (assess_index_slot){.key = key, .value = value, .hash = h};
    ix->count++;
    return ASSESS_OK;
}

size_t assess_index_get(const assess_index *ix, const char *key)
{
    if (ix->cap == 0)
        return ASSESS_NONE;
    uint32_t h = hash_str(key);
    size_t j = h & (ix->cap - 1);
    while (ix->slots[j].key) {
        if (ix->slots[j].hash == h && strcmp(ix->slots[j].key, key) == 0)
            return ix->slots[j].value;
        j = (j + 1) & (ix->cap - 1);
    }
    return ASSESS_NONE;
}

/* ## Interned texts */

void assess_intern_init(assess_intern *t, size_t max)
{
    assess_index_init(&t->ix);
    assess_vec_init(&t->kept, sizeof(const char *));
    t->max = max;
}

void assess_intern_cleanup(assess_intern *t)
{
    assess_index_cleanup(&t->ix);
    assess_vec_cleanup(&t->kept);
}

const char *assess_intern_keep(assess_intern *t, assess_arena *a, const char *s, size_t n)
{
    char key[256];
    if (t->ix.count >= t->max || n >= sizeof key || memchr(s, '\0', n))
        return assess_arena_strndup(a, s, n);
    memcpy(key, s, n);
    key[n] = '\0';
    size_t k = assess_index_get(&t->ix, key);
    if (k != ASSESS_NONE)
        return ((const char **)t->kept.data)[k];
    const char *kept = assess_arena_strndup(a, s, n);
    const char **slot = kept ? assess_vec_push(&t->kept) : NULL;
    if (!slot || assess_index_put(&t->ix, kept, t->kept.count - 1) != ASSESS_OK)
        return NULL;
    *slot = kept;
    return kept;
}

void assess_csv_put_raw(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void assess_csv_put_text(FILE *f, const char *s)
{
    if (!strchr("=+-@\t\r", s[0]) || !s[0]) {
        assess_csv_put_raw(f, s);
        return;
    }
    fputs("\"'", f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* YYYY-MM-DD, optionally followed by a time, naming a real day. */
bool assess_str_iso_date(const char *v)
{
    for (int i = 0; i < 10; i++) {
        char c = v[i];
        bool want_dash = i == 4 || i == 7;
        if (want_dash ? c != '-' : (c < '0' || c > '9'))
            return false;
    }
    if (v[10] != '\0' && v[10] != 'T' && v[10] != ' ')
        return false;
    int year = atoi(v), month = atoi(v + 5), day = atoi(v + 8);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap);
}

/* A spreadsheet date (serial days since 1899-12-30) as YYYY-MM-DD; false
 * when v is not a whole or decimal number in Excel's date range. */
bool assess_str_serial_date(const char *v, char out[11])
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !(x >= 61 && x < 2958466))
        return false;
    /* days since 1970-01-01, then the civil date (H. Hinnant's algorithm) */
    long z = (long)x - 25569 + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    char buf[64]; /* the range above keeps the year to four digits */
    snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y + (month <= 2), month, day);
    memcpy(out, buf, 10);
    out[10] = '\0';
    return true;
}

const char *assess_format_thousands(double x, char *buf, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", x);
    size_t n = strlen(digits), o = 0;
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && digits[i - 1] != '-' && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    if (size)
        buf[o] = '\0';
    return buf;
}
