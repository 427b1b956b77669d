#!/usr/bin/python3
"""Writes the same answers to the shipped questionnaire (gare-local) three
ways: a plain wide CSV, an ODK Central CSV export and a KoboToolbox CSV
export ("XML values and headers", group separator "/").  The files are
committed; this script says how they were made.  Run from this folder.

Formats as documented by the tools:
- ODK Central, "Download submissions" CSV: https://docs.getodk.org/central-submissions/
  (first column SubmissionDate; fields inside groups named group-field; then
  meta-instanceID, KEY, SubmitterID, SubmitterName, AttachmentsPresent,
  AttachmentsExpected, Status, ReviewState, DeviceID, Edits, FormVersion).
- KoboToolbox, "Downloading data" CSV: https://support.kobotoolbox.org/export_download.html
  (start, end, group/field with the "/" group separator, then _id, _uuid,
  _submission_time, _validation_status, _notes, _status, _submitted_by,
  __version__, _tags, _index; semicolons are Kobo's default CSV delimiter).
"""
import csv

items = [r for r in csv.DictReader(open("../../../questionnaires/gare-local/items.csv"))]
ids = [r["id"] for r in items]
dim = {r["id"]: r["dimension"] for r in items}


def answers(city, k):
    """Riverton: lead_resolution 4, everything else 2.  Lakeside (two
    respondents): lead_resolution 1 and 3, the rest of normalize 4, the
    other dimensions 2 with one na and one unknown."""
    a = {}
    for i in ids:
        if city == "Riverton":
            a[i] = "4" if i == "lead_resolution" else "2"
        else:
            a[i] = "4" if dim[i] == "normalize" else "2"
            if i == "lead_resolution":
                a[i] = "1" if k == 0 else "3"
    if city == "Lakeside":
        a["data_profile"] = "unknown"
    return a


subs = [  # entity, cycle, region, respondent, submitted, instance id
    ("Riverton", "2026", "North", "Ana", "2026-03-02T09:15:00", "uuid:0a1c-riverton"),
    ("Lakeside", "2026", "South", "Bo", "2026-03-03T10:00:00", "uuid:7f3e-lakeside-1"),
    ("Lakeside", "2026", "South", "Cy", "2026-03-04T11:30:00", "uuid:7f3e-lakeside-2"),
]
if "data_profile" not in ids:
    raise SystemExit("data_profile is not an item any more: change answers()")

with open("plain.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["entity", "cycle", "region", "respondent", "submitted"] + ids)
    for k, (e, c, reg, who, when, _) in enumerate(subs):
        a = answers(e, 0 if k < 2 else 1)
        w.writerow([e, c, reg, who, when[:10]] + [a[i] for i in ids])

with open("odk-central.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["SubmissionDate", "city_info-entity", "city_info-cycle", "city_info-region",
                "city_info-respondent"] + [dim[i] + "-" + i for i in ids] +
               ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
                "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
                "FormVersion"])
    rows = list(enumerate(subs)) + [(1, subs[1])]  # a submission exported twice
    for k, (e, c, reg, who, when, iid) in rows:
        a = answers(e, 0 if k < 2 else 1)
        w.writerow([when[:10] + "T" + when[11:] + ".000Z", e, c, reg, who] +
                   [a[i] for i in ids] +
                   [iid, iid, "7", "league-collector", "0", "0", "", "approved", "collect:x", "0",
                    "2026031501"])

with open("kobo.csv", "w", newline="") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\n")
    w.writerow(["start", "end", "city_info/entity", "city_info/cycle", "city_info/region",
                "city_info/respondent"] + [dim[i] + "/" + i for i in ids] +
               ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
                "_submitted_by", "__version__", "_tags", "_index"])
    for k, (e, c, reg, who, when, iid) in enumerate(subs):
        a = answers(e, 0 if k < 2 else 1)
        w.writerow([when + ".000+01:00", when + ".000+01:00", e, c, reg, who] +
                   [a[i] for i in ids] +
                   [str(1000 + k), iid[5:], when, "", "", "submitted_via_web", "", "vQx2", "",
                    str(k + 1)])
