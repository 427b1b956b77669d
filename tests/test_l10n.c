/*
 * test_l10n.c — the report's words by language code (reports/l10n.h),
 * whatever the process locale: CTest runs this program under LC_ALL=C and
 * LC_ALL=C.UTF-8, and it sets the locale from the environment first, as
 * the command does.  The shipped Spanish catalogue (the build's
 * locale/es), a test catalogue with a three-form plural rule written
 * big-endian (tests/data/l10n/pl.po), and broken catalogues.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "l10n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const time_t dec1 = 1796083200; /* 2026-12-01 00:00 UTC */

static void test_spanish_dates(void **state)
{
    (void)state;
    l10n_set_dir(LOCALEDIR_BUILD);
    char buf[64];
    assert_string_equal(l10n_date("es", dec1, buf, sizeof buf), "1 de diciembre de 2026");
    assert_string_equal(l10n_date("en", dec1, buf, sizeof buf), "1 December 2026");
    assert_string_equal(l10n_date(NULL, dec1, buf, sizeof buf), "1 December 2026");
    assert_string_equal(l10n_date("es", dec1 - 86400 * 214, buf, sizeof buf), "1 de mayo de 2026");
    /* regional codes in every spelling fall back to the language */
    const char *const codes[] = {"es-MX", "es_US", "es_MX.UTF-8", "ES-mx", "es@x", "es-419"};
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++) {
        assert_string_equal(l10n_date(codes[k], dec1, buf, sizeof buf), "1 de diciembre de 2026");
        assert_true(l10n_speaks(codes[k]));
    }
    /* a language without a catalogue, and nonsense, stay English */
    const char *const none[] = {"fr", "x", "", "e1", "--"};
    for (size_t k = 0; k < sizeof none / sizeof *none; k++)
        assert_string_equal(l10n_date(none[k], dec1, buf, sizeof buf), "1 December 2026");
    assert_false(l10n_speaks("fr"));
    assert_true(l10n_speaks("en"));
    assert_true(l10n_speaks("en-GB"));
    assert_true(l10n_speaks(NULL));
    /* the context tells the month from other words */
    assert_string_equal(l10n_pget("es", "month", "May"), "mayo");
    assert_string_equal(l10n_get("es", "May"), "May");
    /* a small buffer truncates, never overflows */
    char small[8];
    assert_string_equal(l10n_date("es", dec1, small, sizeof small), "1 de di");
    l10n_cleanup();
}

static void test_plural_rule(void **state)
{
    (void)state;
    l10n_set_dir(TEST_LOCALEDIR);
    const struct {
        unsigned long n;
        const char *want;
    } cases[] = {{1, "%lu plik"},    {2, "%lu pliki"},    {4, "%lu pliki"},  {5, "%lu plików"},
                 {12, "%lu plików"}, {22, "%lu pliki"},   {0, "%lu plików"}, {112, "%lu plików"},
                 {124, "%lu pliki"}, {1001, "%lu plików"}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        assert_string_equal(l10n_nget("pl", "%lu file", "%lu files", cases[k].n), cases[k].want);
    assert_string_equal(l10n_pget("pl_PL", "month", "May"), "maj");
    assert_string_equal(l10n_get("pl", "May"), "może");
    assert_string_equal(l10n_get("pl", "Untranslated"), "Untranslated");
    assert_string_equal(l10n_get("pl", "Not in the catalogue"), "Not in the catalogue");
    /* English rule where there is no catalogue */
    assert_string_equal(l10n_nget("fr", "%lu file", "%lu files", 1), "%lu file");
    assert_string_equal(l10n_nget("fr", "%lu file", "%lu files", 0), "%lu files");
    /* a catalogue not in UTF-8 is refused */
    assert_string_equal(l10n_get("de", "May"), "May");
    assert_false(l10n_speaks("de"));
    l10n_cleanup();
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

/* A truncated catalogue, one whose offsets point past its end, and one of
 * the wrong magic: each is no catalogue, and nothing is read out of bounds
 * (the sanitizer build checks that). */
static void test_broken_catalogues(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/pl/LC_MESSAGES/assess.mo", TEST_LOCALEDIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char mo[8192];
    size_t n = fread(mo, 1, sizeof mo, f);
    fclose(f);
    assert_true(n > 100 && n < sizeof mo);

    const char *dir = "l10n-broken";
    mkdir(dir, 0777);
    const char *const langs[] = {"aa", "bb", "cc", "dd"};
    for (size_t k = 0; k < 4; k++) {
        char sub[256];
        snprintf(sub, sizeof sub, "%s/%s", dir, langs[k]);
        mkdir(sub, 0777);
        snprintf(sub, sizeof sub, "%s/%s/LC_MESSAGES", dir, langs[k]);
        mkdir(sub, 0777);
    }
    unsigned char bad[8192];
    memcpy(bad, mo, n);
    write_file("l10n-broken/aa/LC_MESSAGES/assess.mo", bad, n / 2);
    memcpy(bad, mo, n);
    bad[16] = bad[17] = bad[18] = bad[19] = 0x7f; /* translations' table far away */
    write_file("l10n-broken/bb/LC_MESSAGES/assess.mo", bad, n);
    memcpy(bad, mo, n);
    bad[0] ^= 1;
    write_file("l10n-broken/cc/LC_MESSAGES/assess.mo", bad, n);
    memcpy(bad, mo, n);
    bad[8] = bad[9] = bad[10] = 0x7f; /* a count of strings past the file's size */
    write_file("l10n-broken/dd/LC_MESSAGES/assess.mo", bad, n);
    l10n_set_dir(dir);
    for (size_t k = 0; k < 4; k++) {
        assert_string_equal(l10n_pget(langs[k], "month", "May"), "May");
        assert_false(l10n_speaks(langs[k]));
    }
    l10n_cleanup();
}

int main(void)
{
    setlocale(LC_ALL, ""); /* the locale CTest gives: C or C.UTF-8 */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spanish_dates),
        cmocka_unit_test(test_plural_rule),
        cmocka_unit_test(test_broken_catalogues),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
