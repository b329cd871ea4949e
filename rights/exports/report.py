"""A case report for a clinic or a complaint: HTML (jinja2, autoescaped) and PDF (typst).

Both are built from ``rights.cases.evidence`` for each case: the dates, the timeline with every
event, the letters sent and the replies received with their attachments listed. User text
never becomes markup: HTML escapes everything; the PDF gets the data as JSON through
``sys.inputs`` and typst sets it as plain text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from rights.core.case import Case, Event
from rights.store import attachments as att_store
from rights.store.connect import Connection

HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.4; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
.overdue { color: #b00; font-weight: bold; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.5em; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<p>Generated {{ generated }} · {{ cases|length }} case(s)</p>
{% for c in cases %}
<section id="{{ c.ref }}">
<h2>{{ c.ref }}: {{ c.company_name }}</h2>
<table>
<tr><th>Right</th><td>{{ c.right }}</td></tr>
<tr><th>Law</th><td>{{ c.law }}</td></tr>
<tr><th>Sent via</th><td>{{ c.via }}{% if c.recipient %} to {{ c.recipient }}{% endif %}</td></tr>
<tr><th>Status</th><td>{{ c.status }}</td></tr>
<tr><th>Sent</th><td>{{ c.sent or "-" }}</td></tr>
<tr><th>Received</th><td>{{ c.received or "-" }}{% if c.received_estimated %} (estimated){% endif %}</td></tr>
<tr><th>Due</th><td>{{ c.due or "-" }}{% if c.overdue %} <span class="overdue">overdue by {{ c.days_late }} days</span>{% endif %}{% if c.contested %} (contested){% endif %}</td></tr>
</table>
<h3>Timeline</h3>
<table>
<tr><th>Date</th><th>Event</th><th>Note</th><th>Attachments</th></tr>
{% for e in c.timeline %}
<tr><td>{{ e.date }}</td><td>{{ e.kind }}</td><td>{{ e.note }}</td><td>{% for a in e.attachments %}{{ a.name }} ({{ a.size }} bytes){% if not loop.last %}, {% endif %}{% endfor %}</td></tr>
{% endfor %}
</table>
<h3>Letters sent</h3>
{% for l in c.letters %}
<h4>{{ l.kind }}{% if l.date %}, {{ l.date }}{% endif %}{% if l.subject %}: {{ l.subject }}{% endif %}</h4>
{% if l.body %}<pre>{{ l.body }}</pre>{% else %}<p>(no text stored)</p>{% endif %}
{% endfor %}
<h3>Replies received</h3>
{% if c.replies %}
<ul>
{% for r in c.replies %}
<li>{{ r.date }}: {{ r.kind }}{% if r.note %}: {{ r.note }}{% endif %}{% for a in r.attachments %}; attached {{ a.name }} (sha256 {{ a.sha256 }}){% endfor %}</li>
{% endfor %}
</ul>
{% else %}
<p>None recorded.</p>
{% endif %}
</section>
{% endfor %}
</body>
</html>
"""

TYPST_TEMPLATE = r"""
#let data = json(bytes(sys.inputs.data))
#set document(title: data.title)
#set page(paper: "a4", margin: 2cm, numbering: "1 / 1")
#set text(size: 10pt, lang: "en")
#let dash(v) = if v == none { "-" } else { v }
= #data.title
Generated #data.generated · #data.cases.len() case(s)
#for c in data.cases [
  == #c.ref: #c.company_name
  #table(
    columns: (auto, 1fr), stroke: 0.5pt + gray,
    [Right], [#c.right], [Law], [#c.law],
    [Sent via], [#c.via #if c.recipient != "" [to #c.recipient]],
    [Status], [#c.status], [Sent], [#dash(c.sent)],
    [Received], [#dash(c.received) #if c.received_estimated [(estimated)]],
    [Due], [#dash(c.due) #if c.overdue [*overdue by #c.days_late days*] #if c.contested [(contested)]],
  )
  === Timeline
  #table(
    columns: (auto, auto, 1fr, auto), stroke: 0.5pt + gray,
    [*Date*], [*Event*], [*Note*], [*Attachments*],
    ..c.timeline.map(e => (
      [#e.date], [#e.kind], [#e.note],
      [#e.attachments.map(a => a.name + " (" + str(a.size) + " bytes)").join(", ")],
    )).flatten(),
  )
  === Letters sent
  #for l in c.letters [
    *#l.kind* #if l.date != none [#l.date] #if l.subject != "" [: #l.subject]
    #if l.body != "" [#block(fill: luma(245), inset: 6pt, width: 100%, text(size: 9pt, l.body))] else [(no text stored)]
  ]
  === Replies received
  #if c.replies.len() == 0 [None recorded.]
  #for r in c.replies [
    - #r.date: #r.kind #if r.note != "" [: #r.note] #for a in r.attachments [; attached #a.name]
  ]
]
"""


def report_data(evidence: Sequence[dict[str, Any]], today: dt.date, title: str) -> dict[str, Any]:
    """What both renderings show."""
    return {"title": title, "generated": today.isoformat(), "cases": list(evidence)}


def build(
    conn: Connection, cases: Sequence[Case], events: dict[str, list[Event]], today: dt.date
) -> dict[str, Any]:
    """The report of ``cases`` (``report_data``), from each case's ``evidence``."""
    from rights.cases import evidence

    files: dict[str, list[att_store.Attachment]] = {}
    for att in att_store.list_all(conn):
        files.setdefault(att.ref, []).append(att)
    bundle = [
        evidence.evidence(c, events.get(c.ref, []), files.get(c.ref, []), today) for c in cases
    ]
    title = "Case report" if len(cases) != 1 else f"Case report {cases[0].ref}"
    return report_data(bundle, today, title)


def to_html(data: dict[str, Any]) -> str:
    """The report as an HTML page; every value is escaped."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(HTML_TEMPLATE).render(**data)


def to_pdf(data: dict[str, Any]) -> bytes:
    """The report as a PDF (typst embeds its fonts: no system fonts needed)."""
    import typst

    pdf = typst.compile(
        TYPST_TEMPLATE.encode("utf-8"),
        format="pdf",
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
    )
    assert isinstance(pdf, bytes)
    return pdf
