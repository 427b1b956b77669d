/*
 * gen_cohort.c — writes a synthetic statewide cohort as a wide responses
 * CSV: fictional cities in 16 fictional regions, log-normal populations,
 * answers driven by a latent city maturity with region and size effects,
 * some gaps and several-respondent cities, and change between cycles.
 * Cycles may answer different versions of a questionnaire (-q once per
 * cycle): a city keeps its quirks on the items the versions share.
 * Deterministic: the same seed and options give the same bytes anywhere.
 */
#define _POSIX_C_SOURCE 200809L

#include "assess.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CYCLES_MAX 16
#define REGIONS    16

static const char *const usage_text =
    "usage: gen_cohort -q QUESTIONNAIRE... -o FILE [--cities N] [--seed S] [--cycles LIST]\n"
    "                  [--multi P] [--gaps P] [--lean]\n"
    "Writes a synthetic cohort of fictional cities as a wide responses CSV.\n"
    "  -q Q           the questionnaire; given once per cycle, cycle k answers the\n"
    "                 k-th (the last for the rest)\n"
    "  -o FILE        the file; with {cycle} in its name, one file per cycle\n"
    "  --cities N     cities (default 482)\n"
    "  --seed S       random seed (default 1)\n"
    "  --cycles LIST  cycles, comma-separated (default 2025,2026)\n"
    "  --multi P      share of cities with two or three respondents (default 0.05)\n"
    "  --gaps P       share of answers left empty or 'unknown' (default 0.04)\n"
    "  --lean         only entity, cycle, region, population and the answers\n";

/* ## Random numbers: splitmix64 seeding xoshiro256**, so the stream does
 * not depend on the C library. */

typedef struct {
    uint64_t s[4];
} rng;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static double uniform(rng *r) /* [0, 1) */
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static size_t below(rng *r, size_t n)
{
    return (size_t)(uniform(r) * (double)n);
}

static double normal(rng *r, double mean, double sd)
{
    double u = uniform(r), v = uniform(r);
    return mean + sd * sqrt(-2.0 * log(1.0 - u)) * cos(6.283185307179586 * v);
}

static double phi(double z)
{
    return 0.5 * erfc(-z / sqrt(2.0));
}

/* ## Names */

static const char *const regions[REGIONS] = {
    "Amberline",    "Brightwater",   "Cindervale",  "Dunmoor",     "Emberlake",   "Frostmarch",
    "Glimmerwood",  "Hollowmere",    "Ironfold",    "Juniper Reach", "Kestrel Coast",
    "Lanternfield", "Mistral Bay",   "Northwold",   "Oakenshire",  "Pebble Delta"};

static const char *const heads[] = {
    "Alder", "Amber", "Ash",    "Bay",    "Bell",   "Birch",  "Bramble", "Bright", "Cedar",
    "Clear", "Cobble", "Copper", "Crane", "Dew",    "Elder",  "Elm",     "Fair",   "Fern",
    "Finch", "Fox",   "Glen",   "Gold",   "Hare",   "Hazel",  "Heron",   "Holly",  "Iron",
    "Ivy",   "Juniper", "Kestrel", "Lark", "Laurel", "Linden", "Maple",  "Marsh",  "Mill",
    "Moss",  "Oak",   "Otter",  "Pebble", "Pine",   "Quill",  "Raven",   "Reed",   "Ridge",
    "Rook",  "Rose",  "Rush",   "Sage",   "Sand",   "Silver", "Sparrow", "Stone",  "Swan",
    "Thorn", "Tide",  "Vale",   "Willow", "Wren",   "Yarrow"};

static const char *const tails[] = {"bridge", "brook", "bury",  "by",    "crest", "dale",
                                    "field",  "ford",  "gate",  "haven", "hill",  "hollow",
                                    "holm",   "mouth", "port",  "stead", "ton",   "vale",
                                    "view",   "ville", "wick",  "wood"};

#define NHEADS (sizeof heads / sizeof *heads)
#define NTAILS (sizeof tails / sizeof *tails)

static const char *const roles[] = {"Equity officer", "City manager's office",
                                    "Human resources", "Council staff", "Community liaison"};

/* ## The model */

typedef struct {
    char name[64];
    size_t region;
    long population;
    double maturity;    /* latent, about N(0, 1) */
    double *dim_effect; /* per dimension */
    double *persistent; /* per item id: the city's lasting quirk */
    double sloppiness;  /* chance of a gap */
    bool active;
} city;

typedef struct {
    const assess_questionnaire *q; /* the cycle being written */
    size_t nq;
    const assess_questionnaire *qs[CYCLES_MAX];
    size_t nitems;   /* every item id of any version, once */
    const char **ids;
    size_t ncities;
    city *cities;
    double region_effect[REGIONS], region_size[REGIONS], region_weight[REGIONS];
    double *difficulty; /* per item id */
    double multi, gaps;
    bool lean;
    rng r;
    /* the survey questions draw from their own stream, so that adding
     * them to a questionnaire leaves every scored answer as it was */
    rng survey;
    double survey_region[REGIONS][ASSESS_MULTI_OPTIONS_MAX];
} model;

static size_t pick_region(model *m)
{
    double total = 0;
    for (size_t k = 0; k < REGIONS; k++)
        total += m->region_weight[k];
    double u = uniform(&m->r) * total;
    for (size_t k = 0; k < REGIONS; k++) {
        if (u < m->region_weight[k])
            return k;
        u -= m->region_weight[k];
    }
    return REGIONS - 1;
}

/* The index of an item id among every version's ids. */
static size_t uid(const model *m, const char *id)
{
    for (size_t u = 0; u < m->nitems; u++)
        if (strcmp(m->ids[u], id) == 0)
            return u;
    return ASSESS_NONE;
}

static bool make_model(model *m)
{
    const assess_questionnaire *q = m->qs[0];
    size_t cap = 0;
    for (size_t k = 0; k < m->nq; k++)
        cap += m->qs[k]->nitems;
    m->ids = calloc(cap ? cap : 1, sizeof *m->ids);
    double *dimpos = calloc(cap ? cap : 1, sizeof *dimpos);
    if (!m->ids || !dimpos) {
        free(dimpos);
        return false;
    }
    for (size_t k = 0; k < m->nq; k++) {
        const assess_questionnaire *qk = m->qs[k];
        for (size_t i = 0; i < qk->nitems; i++) {
            if (uid(m, qk->items[i].id) != ASSESS_NONE)
                continue;
            /* later dimensions (Operationalize) are harder to reach */
            dimpos[m->nitems] = qk->ndimensions > 1 ? (double)qk->items[i].dimension /
                                                          (double)(qk->ndimensions - 1)
                                                    : 0;
            m->ids[m->nitems++] = qk->items[i].id;
        }
    }
    for (size_t k = 0; k < REGIONS; k++) {
        m->region_effect[k] = normal(&m->r, 0, 0.35);
        m->region_size[k] = normal(&m->r, 0, 0.2);
        m->region_weight[k] = 0.4 + uniform(&m->r) * 1.6; /* some regions small */
    }
    m->difficulty = calloc(m->nitems ? m->nitems : 1, sizeof *m->difficulty);
    m->cities = calloc(m->ncities ? m->ncities : 1, sizeof *m->cities);
    if (!m->difficulty || !m->cities) {
        free(dimpos);
        return false;
    }
    for (size_t u = 0; u < m->nitems; u++)
        m->difficulty[u] = normal(&m->r, 0.35 * dimpos[u] - 0.1, 0.45);
    free(dimpos);
    /* Names: every head+tail pair once in shuffled order, then numbered. */
    size_t npairs = NHEADS * NTAILS;
    size_t *perm = malloc(npairs * sizeof *perm);
    if (!perm)
        return false;
    for (size_t k = 0; k < npairs; k++)
        perm[k] = k;
    for (size_t k = npairs - 1; k > 0; k--) {
        size_t j = below(&m->r, k + 1);
        size_t t = perm[k];
        perm[k] = perm[j];
        perm[j] = t;
    }
    for (size_t c = 0; c < m->ncities; c++) {
        city *ct = &m->cities[c];
        size_t pair = perm[c % npairs];
        const char *h = heads[pair / NTAILS], *t = tails[pair % NTAILS];
        if (c < npairs)
            snprintf(ct->name, sizeof ct->name, "%s%s", h, t);
        else
            snprintf(ct->name, sizeof ct->name, "%s%s %zu", h, t, c / npairs + 1);
        ct->region = pick_region(m);
        /* log-normal populations, with a thin tail of large cities */
        double lg = uniform(&m->r) < 0.03 ? normal(&m->r, 5.5, 0.45)
                                          : normal(&m->r, 3.95 + m->region_size[ct->region], 0.5);
        /* no hamlets under 1,000 nor cities over ~4 million: fold back in */
        if (lg < 3.0)
            lg = 3.0 + uniform(&m->r) * 0.4;
        if (lg > 6.6)
            lg = 6.6 - uniform(&m->r) * 0.4;
        ct->population = lround(pow(10.0, lg));
        ct->maturity = normal(&m->r, 0, 0.8) + m->region_effect[ct->region] + 0.35 * (lg - 3.95);
        ct->dim_effect = calloc(q->ndimensions ? q->ndimensions : 1, sizeof(double));
        ct->persistent = calloc(m->nitems ? m->nitems : 1, sizeof(double));
        if (!ct->dim_effect || !ct->persistent) {
            free(perm);
            return false;
        }
        for (size_t d = 0; d < q->ndimensions; d++)
            ct->dim_effect[d] = normal(&m->r, 0, 0.35);
        for (size_t u = 0; u < m->nitems; u++)
            ct->persistent[u] = normal(&m->r, 0, 0.45);
        ct->sloppiness = uniform(&m->r) < 0.06 ? 5.0 : 1.0;
    }
    free(perm);
    return true;
}

static void free_model(model *m)
{
    for (size_t c = 0; m->cities && c < m->ncities; c++) {
        free(m->cities[c].dim_effect);
        free(m->cities[c].persistent);
    }
    free(m->cities);
    free(m->difficulty);
    free(m->ids);
}

/* The choice index with a given kind, or ASSESS_NONE. */
static size_t choice_of_kind(const assess_scale *sc, assess_choice_kind kind)
{
    for (size_t k = 0; k < sc->nchoices; k++) {
        if (sc->choices[k].kind == kind)
            return k;
    }
    return ASSESS_NONE;
}

/* ## Survey questions
 *
 * A city chooses an option with a probability set by the question and
 * the option (a base rate), its maturity (beginners ask for the basics,
 * advanced cities for tools, data and budgets) and its region's taste. */

typedef struct {
    const char *item, *value;
    double base;     /* chance for a city of average maturity */
    double advanced; /* -1 … 1: how much more mature cities want it */
} survey_rate;

static const survey_rate survey_rates[] = {
    {"needs_staff", "basics", 0.55, -1.0},      {"needs_staff", "history", 0.40, -0.6},
    {"needs_staff", "bias", 0.50, -0.5},        {"needs_staff", "tool", 0.35, 0.4},
    {"needs_staff", "data", 0.30, 0.5},         {"needs_staff", "engagement", 0.40, 0.0},
    {"needs_staff", "legal", 0.15, 0.3},        {"needs_staff", "budget", 0.15, 0.7},
    {"needs_managers", "basics", 0.35, -1.0},   {"needs_managers", "history", 0.30, -0.6},
    {"needs_managers", "bias", 0.35, -0.5},     {"needs_managers", "tool", 0.55, 0.4},
    {"needs_managers", "data", 0.50, 0.5},      {"needs_managers", "engagement", 0.35, 0.0},
    {"needs_managers", "legal", 0.30, 0.3},     {"needs_managers", "budget", 0.40, 0.7},
    {"needs_elected", "basics", 0.45, -1.0},    {"needs_elected", "history", 0.45, -0.6},
    {"needs_elected", "bias", 0.25, -0.5},      {"needs_elected", "tool", 0.20, 0.4},
    {"needs_elected", "data", 0.20, 0.5},       {"needs_elected", "engagement", 0.30, 0.0},
    {"needs_elected", "legal", 0.55, 0.3},      {"needs_elected", "budget", 0.45, 0.7},
    {"needs_format", "in_person", 0.60, -0.2},  {"needs_format", "online", 0.55, 0.0},
    {"needs_format", "cohort", 0.35, 0.6},      {"needs_format", "coaching", 0.30, 0.5},
};

static void survey_init(model *m, uint64_t seed)
{
    rng_seed(&m->survey, seed ^ 0x5375727665790000u); /* "Survey" */
    for (size_t k = 0; k < REGIONS; k++)
        for (size_t o = 0; o < ASSESS_MULTI_OPTIONS_MAX; o++)
            m->survey_region[k][o] = normal(&m->survey, 0, 0.5);
}

static double survey_chance(const model *m, const city *ct, const char *item, size_t option,
                            const char *value)
{
    double base = 0.3, advanced = 0;
    for (size_t k = 0; k < sizeof survey_rates / sizeof *survey_rates; k++)
        if (!strcmp(survey_rates[k].item, item) && !strcmp(survey_rates[k].value, value)) {
            base = survey_rates[k].base;
            advanced = survey_rates[k].advanced;
        }
    double z = log(base / (1 - base)) + 0.8 * advanced * ct->maturity +
               m->survey_region[ct->region][option];
    return 1 / (1 + exp(-z));
}

/* One respondent's answer to multi item i: the chosen values separated
 * by spaces, or nothing (a question left blank now and then). */
static void write_survey(FILE *f, model *m, const city *ct, size_t i)
{
    const assess_questionnaire *q = m->q;
    const assess_multi *mi = &q->multis[i];
    const assess_scale *ls = &q->lists[mi->list];
    if (uniform(&m->survey) < m->gaps * ct->sloppiness * 0.5)
        return;
    char buf[4096];
    size_t o = 0;
    for (size_t k = 0; k < ls->nchoices; k++) {
        const char *v = ls->choices[k].value;
        bool chosen = uniform(&m->survey) < survey_chance(m, ct, mi->id, k, v);
        if (chosen && o + strlen(v) + 2 < sizeof buf)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", o ? " " : "", v);
    }
    buf[o] = '\0';
    assess_csv_put_raw(f, buf);
}

/* ## Writing */

static void write_header(FILE *f, const model *m)
{
    if (m->lean)
        fputs("entity,cycle,region,population", f);
    else
        fputs("entity,questionnaire,cycle,respondent,submitted,region,population,note", f);
    for (size_t i = 0; i < m->q->nitems; i++) {
        fputc(',', f);
        assess_csv_put_raw(f, m->q->items[i].id);
    }
    for (size_t i = 0; i < m->q->nmultis; i++) {
        fputc(',', f);
        assess_csv_put_raw(f, m->q->multis[i].id);
    }
    fputc('\n', f);
}

/* One respondent's row for a city in a cycle; `level` holds the city's
 * consensus level per item (or -1 for a gap choice already drawn). */
static void write_row(FILE *f, model *m, const city *ct, const char *cycle, size_t respondent,
                      const int *level, const size_t *special, const char *submitted)
{
    const assess_questionnaire *q = m->q;
    assess_csv_put_raw(f, ct->name);
    if (!m->lean) {
        fprintf(f, ",%s@%s,", q->id, q->version);
        assess_csv_put_raw(f, cycle);
        fprintf(f, ",%s,%s,", roles[respondent % 5], submitted);
    } else {
        fputc(',', f);
        assess_csv_put_raw(f, cycle);
        fputc(',', f);
    }
    assess_csv_put_raw(f, regions[ct->region]);
    fprintf(f, ",%ld", ct->population);
    if (!m->lean)
        fputs(",synthetic", f);
    for (size_t i = 0; i < q->nitems; i++) {
        fputc(',', f);
        const assess_scale *sc = &q->scales[q->items[i].scale];
        if (level[i] < 0) {
            if (special[i] != ASSESS_NONE)
                assess_csv_put_raw(f, sc->choices[special[i]].value);
            continue;
        }
        int l = level[i];
        if (respondent > 0) {
            /* another respondent mostly agrees, sometimes a level apart */
            double u = uniform(&m->r);
            l += u < 0.2 ? -1 : u > 0.8 ? 1 : 0;
            if (l < 0)
                l = 0;
            if (l >= (int)sc->nlevels)
                l = (int)sc->nlevels - 1;
        }
        assess_csv_put_raw(f, sc->choices[sc->levels[l]].value);
    }
    for (size_t i = 0; i < q->nmultis; i++) {
        fputc(',', f);
        write_survey(f, m, ct, i);
    }
    fputc('\n', f);
}

/* Draws and writes one cycle: who takes part, their answers. */
static void write_cycle(FILE *f, model *m, const char *cycle, size_t index, bool last,
                        int *level, size_t *special)
{
    const assess_questionnaire *q = m->q;
    char *end;
    long year = strtol(cycle, &end, 10);
    bool dated = end != cycle && year >= 1900 && year <= 9999;
    for (size_t c = 0; c < m->ncities; c++) {
        city *ct = &m->cities[c];
        /* every member city takes part in the latest cycle; in earlier
         * ones a few had not joined yet or skipped a year */
        double u = uniform(&m->r);
        ct->active = last || (index == 0 ? u < 0.9 : (ct->active ? u < 0.95 : u < 0.6));
        if (index > 0)
            ct->maturity += normal(&m->r, 0.12, 0.2); /* a year of work */
        if (!ct->active)
            continue;
        for (size_t i = 0; i < q->nitems; i++) {
            const assess_item *it = &q->items[i];
            const assess_scale *sc = &q->scales[it->scale];
            double g = uniform(&m->r);
            double gap = m->gaps * ct->sloppiness;
            size_t unknown = choice_of_kind(sc, ASSESS_CHOICE_UNKNOWN);
            size_t na = choice_of_kind(sc, ASSESS_CHOICE_NA);
            special[i] = ASSESS_NONE;
            level[i] = -1;
            if (g < gap * 0.5)
                continue; /* left empty */
            if (g < gap && unknown != ASSESS_NONE) {
                special[i] = unknown;
                continue;
            }
            if (g > 1 - 0.015 && na != ASSESS_NONE) {
                special[i] = na;
                continue;
            }
            size_t id = uid(m, it->id);
            double z = ct->maturity + ct->dim_effect[it->dimension] + ct->persistent[id] -
                       m->difficulty[id] + normal(&m->r, 0, 0.35);
            int l = (int)floor(phi(z) * (double)sc->nlevels);
            level[i] = l >= (int)sc->nlevels ? (int)sc->nlevels - 1 : l;
        }
        size_t nresp = uniform(&m->r) < m->multi ? 2 + below(&m->r, 2) : 1;
        char submitted[32] = "";
        for (size_t k = 0; k < nresp; k++) {
            if (dated)
                snprintf(submitted, sizeof submitted, "%04ld-%02d-%02d", year,
                         2 + (int)below(&m->r, 4), 1 + (int)below(&m->r, 28));
            write_row(f, m, ct, cycle, k, level, special, submitted);
        }
    }
}

static int fail(const char *msg)
{
    fprintf(stderr, "gen_cohort: %s\n%s", msg, usage_text);
    return 2;
}

int main(int argc, char **argv)
{
    const char *qpaths[CYCLES_MAX], *out = NULL, *cycles_arg = "2025,2026";
    size_t nqpaths = 0;
    unsigned long long seed = 1;
    long cities = 482;
    model m = {.multi = 0.05, .gaps = 0.04};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(a, "--lean")) {
            m.lean = true;
            continue;
        }
        if (!v)
            return fail("an option needs a value");
        i++;
        char *end;
        if (!strcmp(a, "-q") && nqpaths < CYCLES_MAX)
            qpaths[nqpaths++] = v;
        else if (!strcmp(a, "-o"))
            out = v;
        else if (!strcmp(a, "--cycles"))
            cycles_arg = v;
        else if (!strcmp(a, "--cities") && (cities = strtol(v, &end, 10), !*end && cities > 0))
            ;
        else if (!strcmp(a, "--seed") && (seed = strtoull(v, &end, 10), !*end))
            ;
        else if (!strcmp(a, "--multi") && (m.multi = strtod(v, &end), !*end))
            ;
        else if (!strcmp(a, "--gaps") && (m.gaps = strtod(v, &end), !*end))
            ;
        else
            return fail("unknown option or bad value");
    }
    if (!nqpaths || !out)
        return fail("-q and -o are required");

    char cycles_buf[512];
    snprintf(cycles_buf, sizeof cycles_buf, "%s", cycles_arg);
    const char *cycles[CYCLES_MAX];
    size_t ncycles = 0;
    for (char *save = NULL, *t = strtok_r(cycles_buf, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        if (ncycles == CYCLES_MAX)
            return fail("at most 16 cycles");
        cycles[ncycles++] = t;
    }
    if (ncycles == 0)
        return fail("--cycles is empty");

    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *qs[CYCLES_MAX] = {0};
    int rc = 0;
    for (size_t k = 0; k < nqpaths && !rc; k++) {
        if (assess_questionnaire_load(qpaths[k], &qs[k], &d) != ASSESS_OK) {
            char buf[1024];
            for (size_t x = 0; x < d.count; x++) {
                assess_diag_format(&d.items[x], buf, sizeof buf);
                fprintf(stderr, "%s\n", buf);
            }
            rc = 1;
        }
        m.qs[m.nq++] = qs[k];
    }
    assess_diags_cleanup(&d);
    size_t maxitems = 1;
    for (size_t k = 0; k < m.nq; k++)
        maxitems = qs[k] && qs[k]->nitems > maxitems ? qs[k]->nitems : maxitems;

    m.ncities = (size_t)cities;
    rng_seed(&m.r, seed);
    survey_init(&m, seed);
    int *level = malloc(maxitems * sizeof *level);
    size_t *special = malloc(maxitems * sizeof *special);
    if (!rc && (!level || !special || !make_model(&m))) {
        fprintf(stderr, "gen_cohort: out of memory\n");
        rc = 3;
    }
    /* one file, or one per cycle when the name holds {cycle}; each
     * written beside the target and renamed, so a failure leaves no half
     * file */
    const char *mark = strstr(out, "{cycle}");
    bool to_stdout = !strcmp(out, "-");
    FILE *f = NULL;
    char path[4096], tmp[4200];
    const assess_questionnaire *header_q = NULL;
    for (size_t k = 0; k < ncycles && !rc; k++) {
        m.q = m.qs[k < m.nq ? k : m.nq - 1];
        if (!mark && header_q && header_q != m.q) {
            fprintf(stderr, "gen_cohort: cycles on two versions need {cycle} in -o\n");
            rc = 2;
            break;
        }
        if (!f) {
            if (mark)
                snprintf(path, sizeof path, "%.*s%s%s", (int)(mark - out), out, cycles[k],
                         mark + strlen("{cycle}"));
            else
                snprintf(path, sizeof path, "%s", out);
            snprintf(tmp, sizeof tmp, "%s.tmp", path);
            f = to_stdout ? stdout : fopen(tmp, "w");
            if (!f) {
                fprintf(stderr, "gen_cohort: %s: %s\n", tmp, strerror(errno));
                rc = 3;
                break;
            }
            write_header(f, &m);
            header_q = m.q;
        }
        write_cycle(f, &m, cycles[k], k, k + 1 == ncycles, level, special);
        if ((mark || k + 1 == ncycles) && !to_stdout) {
            if (fclose(f) != 0 || rename(tmp, path) != 0) {
                fprintf(stderr, "gen_cohort: %s: %s\n", path, strerror(errno));
                remove(tmp);
                rc = 3;
            }
            f = NULL;
        } else if (to_stdout && k + 1 == ncycles && fflush(stdout) != 0) {
            rc = 3;
        }
    }
    free(level);
    free(special);
    free_model(&m);
    for (size_t k = 0; k < nqpaths; k++)
        assess_questionnaire_free(qs[k]);
    return rc;
}
