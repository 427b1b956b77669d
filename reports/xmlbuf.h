/*
 * xmlbuf.h — a growable text buffer for writing HTML and SVG, with the one
 * escaping function every text from a file goes through.
 *
 * Errors are sticky: after an allocation fails every call does nothing and
 * `failed` stays set, so a writer checks once at the end.
 */
#ifndef REPORT_XMLBUF_H
#define REPORT_XMLBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *data; /* NUL-terminated once anything is written */
    size_t len, cap;
    bool failed;
} xmlbuf;

void xb_put(xmlbuf *b, const char *s, size_t n);
void xb_puts(xmlbuf *b, const char *s);
void xb_printf(xmlbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Text as character data, safe both between tags and inside a quoted
 * attribute value: & < > " ' become references; control characters other
 * than tab and line feed, C1 controls and noncharacters are dropped (XML
 * forbids most of them and a reader shows none); bytes that are not UTF-8
 * become U+FFFD.  NULL writes nothing. */
void xb_text(xmlbuf *b, const char *s);

/* n bytes as base64 (RFC 4648, no line breaks), for data: URIs. */
void xb_base64(xmlbuf *b, const unsigned char *p, size_t n);

/* True for a link a reader may follow: http:, https: or mailto: (any
 * letter case), with no control character or space anywhere in it. */
bool xb_link_ok(const char *url);

void xb_free(xmlbuf *b);

#endif
