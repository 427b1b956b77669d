#!/usr/bin/python3
"""xlsx_check.py WORKBOOK — what openpyxl reads back from a workbook, as
plain lines a test can search (tests/test_xlsx_report.c):

  sheets NAME|NAME|…
  state NAME visible|hidden
  property KEY VALUE              title, creator, subject, keywords, created
  sheet NAME freeze=REF protected=0|1 sort=0|1 filter=0|1 columns=0|1
  print NAME ORIENTATION fit=0|1 wide=N titles=ROWS header=TEXT footer=TEXT
  row NAME R V|V|…                every row with a value; numbers as %.15g
  cell NAME!REF TYPE LOCK FORMAT  every cell that exists: TYPE n s f b or -
                                  (empty), LOCK L or U
  link NAME!REF TARGET
  table NAME TABLE REF filter=REF
  validation NAME RANGE TYPE FORMULA
  format NAME RANGE TYPE          conditional formats
  chart NAME TYPE title=TEXT series=N legend=0|1 values=REF

Run it with Debian's /usr/bin/python3, which has python3-openpyxl.
"""
import sys

import openpyxl


def text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return "%.15g" % v
    return str(v).replace("\\", "\\\\").replace("\n", "\\n")


def flag(v):
    return "1" if v else "0"


def chart_title(ch):
    try:
        return "".join(r.t for p in ch.title.tx.rich.p for r in (p.r or []))
    except AttributeError:
        return ""


def main(path):
    wb = openpyxl.load_workbook(path)
    out = []
    out.append("sheets " + "|".join(wb.sheetnames))
    p = wb.properties
    for key in ("title", "creator", "subject", "keywords"):
        out.append("property %s %s" % (key, text(getattr(p, key))))
    out.append("property created %s" % (p.created.isoformat() if p.created else ""))
    for ws in wb.worksheets:
        name = ws.title
        out.append("state %s %s" % (name, ws.sheet_state))
        pr = ws.protection
        out.append("sheet %s freeze=%s protected=%s sort=%s filter=%s columns=%s" % (
            name, ws.freeze_panes or "", flag(pr.sheet), flag(pr.sort),
            flag(pr.autoFilter), flag(pr.formatColumns)))
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        out.append("print %s %s fit=%s wide=%s titles=%s header=%s footer=%s" % (
            name, ps.orientation, flag(fit is not None and fit.fitToPage),
            ps.fitToWidth if ps.fitToWidth is not None else 1, ws.print_title_rows or "",
            text(ws.oddHeader.left.text), text(ws.oddFooter.center.text)))
        for row in ws.iter_rows():
            values = [c.value for c in row]
            if any(v is not None for v in values):
                out.append("row %s %d %s" % (name, row[0].row, "|".join(text(v) for v in values)))
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                out.append("cell %s!%s %s %s %s" % (
                    name, c.coordinate, c.data_type if c.value is not None else "-",
                    "L" if c.protection.locked else "U", c.number_format.replace(" ", "_")))
                if c.hyperlink is not None:
                    out.append("link %s!%s %s" % (name, c.coordinate, c.hyperlink.target))
        for t in ws.tables.values():
            out.append("table %s %s %s filter=%s" % (
                name, t.name, t.ref, t.autoFilter.ref if t.autoFilter is not None else ""))
        for dv in ws.data_validations.dataValidation:
            out.append("validation %s %s %s %s" % (name, dv.sqref, dv.type, dv.formula1))
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                out.append("format %s %s %s" % (name, cf.sqref, rule.type))
        for ch in ws._charts:
            values = ch.series[0].val.numRef.f if ch.series else ""
            out.append("chart %s %s title=%s series=%d legend=%s values=%s" % (
                name, type(ch).__name__, chart_title(ch), len(ch.series),
                flag(ch.legend is not None), values))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
