#!/usr/bin/python3
"""template_fill.py — the assessment workbook seen and filled by openpyxl,
for tests/test_template.c.  Run with /usr/bin/python3 (Debian's
python3-openpyxl).

  template_fill.py inspect FILE.xlsx
      prints one fact a line ("sheets: …", "validation SHEET RANGE …",
      "unlocked SHEET CELL …", "formula SHEET!CELL …"); the test looks
      for the lines it expects.
  template_fill.py fill IN.xlsx OUT.xlsx SPEC.json
      fills the workbook as a person would and saves it.  SPEC keys:
        cover     {"@entity": "Riverton", …}  by the Cover's hidden keys
        answers   {"ITEM": "Label", …}        typed into the Answer cell
        evidence  {"ITEM": "text", …}
        notes     {"ITEM": "text", …}
        raw       [["Sheet", "E5", value], …] any value in any cell
        reverse   ["Sheet", …]  its item rows in reverse order (a sort)
        rename    {"Old": "New", …}
        delete    ["Sheet", …]
        copy      ["Sheet", …]  copied, as "Sheet (2)", after the answers
        first     "Sheet"       moved to the front of the workbook
"""
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def dimension_sheets(wb):
    for ws in wb.worksheets:
        a1 = ws["A1"].value
        if isinstance(a1, str) and a1.startswith("assess:dimension:"):
            yield ws


def item_rows(ws):
    """(row number, item id) of every item row, by the hidden id column."""
    for row in range(1, ws.max_row + 1):
        v = ws.cell(row=row, column=1).value
        if isinstance(v, str) and v and v != "item" and not v.startswith("assess:"):
            yield row, v


def inspect(path):
    wb = openpyxl.load_workbook(path)
    out = ["sheets: " + "|".join(ws.title for ws in wb.worksheets)]
    created = wb.properties.created
    out.append("created " + (created.isoformat() if created else "none"))
    out.append("title " + str(wb.properties.title))
    for ws in wb.worksheets:
        out.append("state %s %s" % (ws.title, ws.sheet_state))
        p = ws.protection
        out.append("protected %s %d password %s" % (ws.title, 1 if p.sheet else 0,
                                                    "set" if p.password else "none"))
        hidden = [k for k, d in sorted(ws.column_dimensions.items()) if d.hidden]
        out.append("hidden_columns %s %s" % (ws.title, ",".join(hidden) or "none"))
        out.append("freeze %s %s" % (ws.title, ws.freeze_panes))
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        out.append("print %s %s fit %s %sx%s titles %s" % (
            ws.title, ps.orientation, 1 if fit is not None and fit.fitToPage else 0,
            ps.fitToWidth if ps.fitToWidth is not None else 1,
            ps.fitToHeight if ps.fitToHeight is not None else 1, ws.print_title_rows))
        for dv in ws.data_validations.dataValidation:
            out.append("validation %s %s %s %s blank=%s error=%s style=%s" % (
                ws.title, dv.sqref, dv.type, dv.formula1, int(bool(dv.allow_blank)),
                int(bool(dv.showErrorMessage)), dv.errorStyle or "stop"))
        unlocked = []
        for row in ws.iter_rows():
            for c in row:
                if c.has_style and not c.protection.locked:
                    unlocked.append(c.coordinate)
                if isinstance(c.value, str) and c.value.startswith("="):
                    out.append("formula %s!%s %s" % (ws.title, c.coordinate, c.value))
                elif c.value is not None:
                    out.append("cell %s!%s %s" % (ws.title, c.coordinate,
                                                  str(c.value).replace("\n", "\\n")))
        out.append("unlocked %s %s" % (ws.title, " ".join(unlocked) or "none"))
    # every answer cell of a dimension sheet, and whether a list validates it
    for ws in dimension_sheets(wb):
        covered = set()
        for dv in ws.data_validations.dataValidation:
            if dv.type == "list":
                for rng in str(dv.sqref).split():
                    for row in ws[rng] if ":" in rng else [[ws[rng]]]:
                        for c in row:
                            covered.add(c.coordinate)
        missing = [("E%d" % r) for r, _ in item_rows(ws) if ("E%d" % r) not in covered]
        out.append("answers_without_list %s %s" % (ws.title, " ".join(missing) or "none"))
    print("\n".join(out))


def fill(src, dst, spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    wb = openpyxl.load_workbook(src)
    for ws in wb.worksheets:
        if ws["D1"].value == "assess:cover":
            for row in range(1, ws.max_row + 1):
                key = ws.cell(row=row, column=4).value
                if key in spec.get("cover", {}):
                    ws.cell(row=row, column=2).value = spec["cover"][key]
    for ws in dimension_sheets(wb):
        for row, item in item_rows(ws):
            for key, col in (("answers", 5), ("evidence", 6), ("notes", 7)):
                if item in spec.get(key, {}):
                    ws.cell(row=row, column=col).value = spec[key][item]
    for name in spec.get("reverse", []):
        ws = wb[name]
        rows = [r for r, _ in item_rows(ws)]
        values = [[ws.cell(row=r, column=c).value for c in range(1, 8)] for r in rows]
        for r, vals in zip(rows, reversed(values)):
            for c, v in enumerate(vals, start=1):
                ws.cell(row=r, column=c).value = v
    for name in spec.get("copy", []):
        wb.copy_worksheet(wb[name]).title = name + " (2)"
    for sheet, cell, value in spec.get("raw", []):
        wb[sheet][cell].value = value
    for old, new in spec.get("rename", {}).items():
        wb[old].title = new
    for name in spec.get("delete", []):
        del wb[name]
    if "first" in spec:
        ws = wb[spec["first"]]
        wb.move_sheet(ws, offset=-wb.index(ws))
    wb.save(dst)


def main(argv):
    if len(argv) == 3 and argv[1] == "inspect":
        inspect(argv[2])
    elif len(argv) == 5 and argv[1] == "fill":
        fill(argv[2], argv[3], argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
