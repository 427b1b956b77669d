/*
 * brand.h — a consultant's look for the reports, read from a small file:
 *
 *     # lines of KEY = VALUE; blank lines and # comments are ignored
 *     organization = Northwind Equity Partners
 *     contact      = Dana Ortiz · dana@example.org · (555) 010-0199
 *     primary      = #1B4F72
 *     accent       = #C0392B
 *     logo         = northwind-logo.png      (relative to this file)
 *
 * Every key is optional; unknown keys, bad colours and a logo that is not
 * a readable PNG are errors with the file and line.
 */
#ifndef REPORT_BRAND_H
#define REPORT_BRAND_H

#include "assess.h"
#include "doc.h"

typedef struct {
    doc_brand look; /* points into the strings below */
    char *organization, *contact, *logo;
} brand;

/* The plain default look, with nothing to free. */
void brand_init(brand *b);
/* Reads a brand file over the default look.  Every problem goes to d;
 * on error the result is ASSESS_ERR_INVALID (or ASSESS_ERR_IO when the
 * file cannot be read) and b still holds the default. */
assess_status brand_load(brand *b, const char *path, assess_diags *d);
void brand_cleanup(brand *b);

/* Parses "#RRGGBB" (or "RRGGBB"); false when it is not one. */
bool brand_colour_parse(const char *s, doc_rgb *out);

#endif
