"""The case report's two renderings: an HTML page (jinja2, autoescaped) and a typst document
(the data arrives as JSON in ``sys.inputs.data`` and is set as plain text, never markup).

Both show the same parts, in order: the header, the summary of cases sent, the drafts, then
each case (``rights.exports.report.build`` makes the data)."""

HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.4; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; }
.overdue { color: #b00; font-weight: bold; }
.ref { color: #555; font-size: 0.9em; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.5em; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<table id="header">
<tr><th>Client</th><td>{{ header.client or "-" }}</td></tr>
{% if header.agent %}<tr><th>Agent</th><td>{{ header.agent }}</td></tr>
{% endif %}<tr><th>Profile</th><td>{{ header.profile or "-" }}</td></tr>
<tr><th>Period</th><td>{{ header.since or "-" }} to {{ header.until or "-" }}{% if header.filters %} ({{ header.filters }}){% endif %}</td></tr>
<tr><th>Generated on</th><td>{{ header.generated }}</td></tr>
</table>
<p>{{ summary|length }} case(s) sent, {{ drafts|length }} draft(s)</p>
<h2>Summary</h2>
<table id="summary">
<tr><th>Company</th><th>Right</th><th>Law</th><th>Status</th><th>Sent</th><th>Due</th><th>Outcome</th></tr>
{% for r in summary %}
<tr><td>{{ r.company_name }} <span class="ref">{{ r.ref }}</span></td><td>{{ r.right }}</td><td>{{ r.law }}</td><td>{{ r.status }}</td><td>{{ r.sent or "-" }}</td><td>{{ r.due or "-" }}</td><td>{{ r.outcome }}</td></tr>
{% endfor %}
</table>
{% if not summary %}<p>No case sent.</p>{% endif %}
<h2>Drafts (written, not sent)</h2>
{% if drafts %}
<table id="drafts">
<tr><th>Company</th><th>Right</th><th>Law</th><th>Written on</th></tr>
{% for r in drafts %}
<tr><td>{{ r.company_name }} <span class="ref">{{ r.ref }}</span></td><td>{{ r.right }}</td><td>{{ r.law }}</td><td>{{ r.created or "-" }}</td></tr>
{% endfor %}
</table>
{% else %}<p>None.</p>{% endif %}
{% for c in cases %}
<section id="{{ c.ref }}">
<h2>{{ c.ref }}: {{ c.company_name }}{% if c.draft %} (draft){% endif %}</h2>
<table>
<tr><th>Right</th><td>{{ c.right }}</td></tr>
<tr><th>Law</th><td>{{ c.law }}</td></tr>
<tr><th>{% if c.draft %}To go via{% else %}Sent via{% endif %}</th><td>{{ c.via }}{% if c.recipient %} to {{ c.recipient }}{% endif %}</td></tr>
{% if c.agent %}<tr><th>Agent</th><td>{{ c.agent }}</td></tr>
{% endif %}<tr><th>Status</th><td>{{ c.status }}</td></tr>
<tr><th>Sent</th><td>{{ c.sent or "-" }}</td></tr>
<tr><th>Received</th><td>{{ c.received or "-" }}{% if c.received_estimated %} (estimated){% endif %}</td></tr>
<tr><th>Due</th><td>{{ c.due or "-" }}{% if c.overdue %} <span class="overdue">overdue by {{ c.days_late }} days</span>{% endif %}{% if c.contested %} (contested){% endif %}</td></tr>
<tr><th>Outcome</th><td>{{ c.outcome }}</td></tr>
</table>
<h3>Timeline</h3>
{% if c.timeline %}
<table>
<tr><th>Date</th><th>Event</th><th>Note</th><th>Attachments</th></tr>
{% for e in c.timeline %}
<tr><td>{{ e.date }}</td><td>{{ e.kind }}</td><td>{{ e.note }}</td><td>{% for a in e.attachments %}{{ a.name }} ({{ a.size }} bytes){% if not loop.last %}, {% endif %}{% endfor %}</td></tr>
{% endfor %}
</table>
{% else %}<p>No event recorded.</p>{% endif %}
{% if c.draft_letter %}
<h3>{% if c.draft_letter.sent_before %}Draft letter (sent on {{ c.draft_letter.sent_before }}, a draft again since){% else %}Draft letter (not sent){% endif %}</h3>
{% if c.draft_letter.subject %}<h4>{{ c.draft_letter.subject }}</h4>{% endif %}
{% if c.draft_letter.body %}<pre>{{ c.draft_letter.body }}</pre>{% else %}<p>(no text stored)</p>{% endif %}
{% endif %}
{% if c.letters %}
<h3>Letters sent</h3>
{% for l in c.letters %}
<h4>{{ l.kind }}{% if l.date %}, {{ l.date }}{% endif %}{% if l.subject %}: {{ l.subject }}{% endif %}{% if l.how %} ({{ l.how }}){% endif %}</h4>
{% if l.body %}<pre>{{ l.body }}</pre>{% else %}<p>(no text stored)</p>{% endif %}
{% endfor %}
{% endif %}
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
#let h = data.header
#set document(title: data.title)
#set page(paper: if data.paper == "letter" { "us-letter" } else { "a4" }, margin: 2cm,
  numbering: "1 / 1")
#set text(size: 10pt, lang: "en")
#set table(stroke: 0.5pt + gray, inset: 4pt)
#show heading.where(level: 2): set block(above: 1.4em)
#let dash(v) = if v == none or v == "" { "-" } else { v }
#let company(r) = [#r.company_name \ #text(size: 8pt, fill: luma(90), r.ref)]
= #data.title
#table(
  columns: (auto, 1fr), stroke: none, inset: (x: 0pt, y: 2pt), column-gutter: 1.2em,
  [*Client*], [#dash(h.client)],
  ..if h.agent != "" { ([*Agent*], [#h.agent]) } else { () },
  [*Profile*], [#dash(h.profile)],
  [*Period*], [#dash(h.since) to #dash(h.until) #if h.filters != "" [(#h.filters)]],
  [*Generated on*], [#h.generated],
)
#data.summary.len() case(s) sent, #data.drafts.len() draft(s)
== Summary
#if data.summary.len() == 0 [No case sent.] else {
  set text(size: 9pt)
  table(
    columns: (2.6fr, 1fr, 0.8fr, 1fr, 1.1fr, 1.1fr, 1.6fr),
    table.header([*Company*], [*Right*], [*Law*], [*Status*], [*Sent*], [*Due*], [*Outcome*]),
    ..data.summary.map(r => (
      company(r), [#r.right], [#r.law], [#r.status], [#dash(r.sent)], [#dash(r.due)],
      [#r.outcome],
    )).flatten(),
  )
}
== Drafts (written, not sent)
#if data.drafts.len() == 0 [None.] else {
  set text(size: 9pt)
  table(
    columns: (3fr, 1fr, 1fr, 1.2fr),
    table.header([*Company*], [*Right*], [*Law*], [*Written on*]),
    ..data.drafts.map(r => (company(r), [#r.right], [#r.law], [#dash(r.created)])).flatten(),
  )
}
#for c in data.cases [
  == #c.ref: #c.company_name #if c.draft [(draft)]
  #table(
    columns: (auto, 1fr),
    [Right], [#c.right], [Law], [#c.law],
    [#if c.draft [To go via] else [Sent via]], [#c.via #if c.recipient != "" [to #c.recipient]],
    ..if c.agent != "" { ([Agent], [#c.agent]) } else { () },
    [Status], [#c.status], [Sent], [#dash(c.sent)],
    [Received], [#dash(c.received) #if c.received_estimated [(estimated)]],
    [Due], [#dash(c.due) #if c.overdue [*overdue by #c.days_late days*] #if c.contested [(contested)]],
    [Outcome], [#c.outcome],
  )
  === Timeline
  #if c.timeline.len() == 0 [No event recorded.] else {
    table(
      columns: (auto, auto, 1fr, auto),
      table.header([*Date*], [*Event*], [*Note*], [*Attachments*]),
      ..c.timeline.map(e => (
        [#e.date], [#e.kind], [#e.note],
        [#e.attachments.map(a => a.name + " (" + str(a.size) + " bytes)").join(", ")],
      )).flatten(),
    )
  }
  #if c.draft_letter != none [
    #if c.draft_letter.sent_before != none [
      === Draft letter (sent on #c.draft_letter.sent_before, a draft again since)
    ] else [
      === Draft letter (not sent)
    ]
    #if c.draft_letter.subject != "" [*#c.draft_letter.subject*]
    #if c.draft_letter.body != "" [#block(fill: luma(245), inset: 6pt, width: 100%, text(size: 9pt, c.draft_letter.body))] else [(no text stored)]
  ]
  #if c.letters.len() > 0 [
    === Letters sent
    #for l in c.letters [
      *#l.kind*#if l.date != none [, #l.date]#if l.subject != "" [: #l.subject]#if l.how != "" [ (#l.how)]
      #if l.body != "" [#block(fill: luma(245), inset: 6pt, width: 100%, text(size: 9pt, l.body))] else [(no text stored)]
    ]
  ]
  === Replies received
  #if c.replies.len() == 0 [None recorded.]
  #for r in c.replies [
    - #r.date: #r.kind#if r.note != "" [: #r.note]#for a in r.attachments [; attached #a.name]
  ]
]
"""
