/*
 * utf8.h — the one place that knows UTF-8 and Unicode: decoding,
 * validity, normalisation (NFC), folding for comparing what people type,
 * and display width.  Everything else in the engine (and, later, the
 * report layer) calls these instead of looking at bytes.  Built on GNU
 * libunistring, so the tables follow the Unicode standard, not a guess.
 *
 * assess_utf8_valid and assess_utf8_width are also in the public
 * interface (assess.h); the rest is the engine's own for now.
 *
 * Strings are UTF-8 with an explicit length (they need not be
 * NUL-terminated) unless a function says otherwise.  Functions that
 * return a new string return a NUL-terminated copy from malloc (the
 * caller frees it) or NULL when memory runs out.
 */
#ifndef ASSESS_UTF8_H
#define ASSESS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether s[0..len) is valid UTF-8: no overlong forms, no surrogates,
 * nothing past U+10FFFF. */
bool assess_utf8_valid(const char *s, size_t len);

/* Decodes the character at the start of s[0..len) (len > 0): stores its
 * code point in *cp and returns its length in bytes.  An invalid sequence
 * gives U+FFFD and a length of 1, so a loop always moves on. */
size_t assess_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Writes the UTF-8 form of code point cp to out (room for 4 bytes) and
 * returns its length; 0 for a surrogate or a value past U+10FFFF. */
size_t assess_utf8_encode(uint32_t cp, char out[4]);

/* The columns s[0..len) takes on a terminal or in a fixed-width layout:
 * East Asian wide and fullwidth characters count 2, combining marks and
 * other zero-width characters 0, everything else 1. */
size_t assess_utf8_width(const char *s, size_t len);

/* The longest length ≤ max at which s[0..len) can be cut without
 * splitting a character. */
size_t assess_utf8_cut(const char *s, size_t len, size_t max);

/* Whether cp is a space of any kind: Unicode White_Space (space, tab,
 * line breaks, no-break space U+00A0, the U+2000 spaces, ideographic
 * space) and the invisible ones a copy from the web brings along (zero
 * width space U+200B, word joiner U+2060, byte order mark U+FEFF). */
bool assess_utf8_is_space(uint32_t cp);

/* The bounds of s[0..len) without spaces of any kind at either end. */
void assess_utf8_trim(const char *s, size_t len, const char **start, size_t *n);

/* s[0..len) in Unicode normalisation form C ("é" typed as e + U+0301
 * becomes the one character U+00E9).  *outlen gets the length if not
 * NULL. */
char *assess_utf8_nfc(const char *s, size_t len, size_t *outlen);

/* What a fold removes, for comparing text people typed. */
enum {
    ASSESS_FOLD_CASE = 1,    /* Unicode case folding ("Straße" = "STRASSE") */
    ASSESS_FOLD_SPACE = 2,   /* trimmed; each inner run of spaces one " " */
    ASSESS_FOLD_ACCENTS = 4, /* combining marks removed after NFD ("é" = "e") */
    ASSESS_FOLD_PUNCT = 8,   /* curly quotes and apostrophes straight, dashes "-" */
    ASSESS_FOLD_ALL = 15
};

/* The folded form of s[0..len): NFC first, then what `how` asks, then
 * NFC again, so two strings fold equal when they differ only in what was
 * folded away.  *outlen gets the length if not NULL. */
char *assess_utf8_fold(const char *s, size_t len, int how, size_t *outlen);
/* The same through libunistring alone, whatever the text: assess_utf8_fold
 * takes ASCII and Latin-1 text a character at a time, and the tests
 * compare the two. */
char *assess_utf8_fold_unicode(const char *s, size_t len, int how, size_t *outlen);

/* The number of characters (code points) in s[0..len) that are letters
 * (Unicode general category L). */
size_t assess_utf8_letters(const char *s, size_t len);

#endif
