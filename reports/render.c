/*
 * render.c — the table of renderers behind report_render (assess-report.h).
 */
#include "doc.h"
#include "intl.h"

#include "html.h"
#include "pdf.h"
#include "xlsx.h"

#include <string.h>
#include <strings.h>

/* One row per format.  A renderer writes doc to path, or returns -1 with
 * a one-line message in err. */
static const struct {
    const char *name;
    const char *ext;
    int (*render)(const report_doc *doc, const char *path, char *err, size_t errlen);
} renderers[REPORT_FORMAT_COUNT] = {
    [REPORT_PDF] = {"PDF", ".pdf", pdf_render},
    [REPORT_XLSX] = {"XLSX", ".xlsx", xlsx_render},
    [REPORT_HTML] = {"HTML", ".html", html_render},
};

const char *report_format_name(report_format f)
{
    return (unsigned)f < REPORT_FORMAT_COUNT ? renderers[f].name : "";
}

report_format report_format_of_path(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    for (int f = 0; f < REPORT_FORMAT_COUNT; f++) {
        size_t e = strlen(renderers[f].ext);
        if (n > e && strcasecmp(path + n - e, renderers[f].ext) == 0)
            return (report_format)f;
    }
    return REPORT_FORMAT_COUNT;
}

assess_status report_render(const report_doc *doc, report_format format, const char *path,
                            const char *shown_as, assess_diags *d)
{
    assess_loc loc = assess_loc_file(shown_as ? shown_as : path);
    if (!doc || !path || (unsigned)format >= REPORT_FORMAT_COUNT) {
        assess_diags_add(d, ASSESS_ERROR, loc, _("no report, path or known format to render"));
        return ASSESS_ERR_USAGE;
    }
    char err[512] = "";
    if (renderers[format].render(doc, path, err, sizeof err) == 0)
        return ASSESS_OK;
    assess_diags_add(d, ASSESS_ERROR, loc, "%s", err[0] ? err : _("cannot write the report"));
    return ASSESS_ERR_IO;
}
