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

#include "assess-report.h"
#include "doc.h"

/* report_brand, brand_init, brand_load and brand_cleanup are public:
 * assess-report.h. */

/* Parses "#RRGGBB" (or "RRGGBB"); false when it is not one. */
bool brand_colour_parse(const char *s, doc_rgb *out);

#endif
