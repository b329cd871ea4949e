"""Every contact value a shipped record credits to a broker or scorer data set is re-read
from that data set: the value's words are in the row the source names.

The data sets are not in the repository: set ``RIGHTS_DATASETS`` to the folder holding
them (``eraser-brokers/``, ``cvs0-data-brokers/``, ...); without it these tests skip.
"""

import csv
import io
import json
import os
from pathlib import Path

import pytest

from rights.companies.names import host_of, words
from rights.paths import shipped

FOLDER = shipped("companies")
CONTACT_FIELDS = ("email", "address", "web", "webform", "opt_out_url", "phone", "fax")
SCHEMES = {"http", "https", "www"}
ROOT = Path(os.environ["RIGHTS_DATASETS"]) if os.environ.get("RIGHTS_DATASETS") else None
NEEDS_DATA = pytest.mark.skipif(ROOT is None, reason="RIGHTS_DATASETS is not set")


def _csv_rows(path, skip=0):
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))[skip:]
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def _by(rows, key):
    found = {}
    for row in rows:
        found.setdefault(" ".join(row[key].split()), []).append(" ".join(row.values()))
    return found


def _yaml_rows():
    import yaml

    items = yaml.safe_load((ROOT / "eraser-brokers" / "brokers.yaml").read_text())["brokers"]
    return {i["id"]: [json.dumps(i, default=str)] for i in items}


def _reumere_rows():
    import yaml

    found = {}
    for path in (ROOT / "brianreumere-data-brokers" / "data").glob("*.yaml"):
        for key, item in yaml.safe_load(path.read_text()).items():
            found[key] = [json.dumps(item, default=str)]
    return found


@pytest.fixture(scope="module")
def rows():  # only used by NEEDS_DATA tests
    """Row texts by (dataset, record)."""
    return {
        "eraser-brokers": _yaml_rows(),
        "cvs0-data-brokers": _by(_csv_rows(ROOT / "cvs0-data-brokers" / "opt-outs.csv"), "name"),
        "cfpb-consumer-reporting-companies": _by(
            _csv_rows(ROOT / "cfpb-consumer-reporting-companies" / "companies.csv"), "name"
        ),
        "ca-registry-2025": _by(
            _csv_rows(ROOT / "cppa-registry-2025" / "registry2025.csv", skip=1),
            "Data broker\u00a0name:",
        ),
        "brianreumere-data-brokers": _reumere_rows(),
    }


def _in_row(value, texts, field=""):
    """The value's words are in one of the texts (a website: its host, as merging compares
    websites by host)."""
    wanted = set(words(host_of(value) or value if field == "web" else value)) - SCHEMES
    return any(wanted <= set(words(text)) for text in texts)


def _row_texts(table, source):
    return table.get(source["record"]) or [
        t for name, ts in table.items() if name.startswith(source["record"]) for t in ts
    ]


@NEEDS_DATA
def test_every_contact_value_is_in_the_row_its_source_names(rows):
    """Each contact value is found in the row of a source that lists its field. Where
    several sources list a field (merged records), one of them gave the value; a source of
    a data set not re-read here (Datenanfragen, the 2020 registry, The Markup) counts too."""
    checked = 0
    for path in sorted(FOLDER.glob("*.json")):
        if path.name.startswith("_"):
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        tables = []
        for source in record["sources"]:
            table = rows.get(source["dataset"])
            if table is None or source.get("record", "").startswith("joins/"):
                tables.append((source, None))
                continue
            texts = _row_texts(table, source)
            assert texts, (record["slug"], source["dataset"], source["record"])
            tables.append((source, texts))
        for field in CONTACT_FIELDS:
            giving = [t for s, t in tables if field in s.get("fields", [])]
            if not record.get(field) or not giving or None in giving:
                continue
            assert any(_in_row(record[field], t, field) for t in giving), (record["slug"], field)
            checked += 1
        for value in record.get("bounced_emails", []):
            giving = [t for s, t in tables if "bounced_emails" in s.get("fields", []) and t]
            assert any(_in_row(value, t) for t in giving), (record["slug"], value)
    assert checked > 2000


def test_no_contact_without_a_source():
    for path in sorted(FOLDER.glob("*.json")):
        if path.name.startswith("_"):
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        supplied = {f for s in record["sources"] for f in s.get("fields", [])}
        for field in (*CONTACT_FIELDS, "bounced_emails"):
            if record.get(field):
                assert field in supplied, (record["slug"], field)
