"""Canned queries for ``refq serve``: what a newcomer asks first, as SQL Datasette runs.

Named parameters (``:region``) become a form in Datasette; an empty value means "all".
The SQL uses only plain SQLite (Datasette does not have refq's folding functions), so a
filter matches any part of a name, case-insensitively for ASCII.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CannedQuery:
    name: str  # the URL slug: /<database>/<name>
    title: str
    description: str
    sql: str
    tables: frozenset[str]  # tables it reads: left out when the database lacks one


RESULTS_BY_REGION = CannedQuery(
    name="results_by_region",
    title="Results by region",
    description=(
        "Every vote share the articles report, grouped by region: who reported it, which"
        " outlet carried it, and the sentence it was read from. Filter by part of a region's"
        " name or its code, or leave the box empty for all."
    ),
    sql="""
SELECT coalesce(g.name, r.region, '(region unknown)') AS region,
       r.region_code,
       r.option,
       r.percent,
       r.status,
       r.reported_by,
       s.outlet,
       r.source_id,
       r.evidence
FROM results AS r
JOIN sources AS s ON s.id = r.source_id
LEFT JOIN regions AS g ON g.code = r.region_code
WHERE :region = ''
   OR r.region_code = :region
   OR coalesce(g.name, r.region) LIKE '%' || :region || '%'
ORDER BY region, r.option, r.percent DESC, r.source_id
""".strip(),
    tables=frozenset({"results", "sources", "regions"}),
)

QUOTES_BY_SPEAKER = CannedQuery(
    name="quotes_by_speaker",
    title="Quotes by speaker",
    description=(
        "Direct quotations, exactly the words between the quote marks, grouped by who said"
        " them. Filter by part of the speaker's name, or leave the box empty for all."
    ),
    sql="""
SELECT coalesce(o.name, st.speaker, '(unattributed)') AS speaker,
       st.text AS quote,
       st.channel,
       st.date,
       s.outlet,
       st.source_id,
       st.evidence
FROM statements AS st
JOIN sources AS s ON s.id = st.source_id
LEFT JOIN officials AS o ON o.id = st.speaker_official_id
WHERE st.kind = 'direct'
  AND (:speaker = '' OR coalesce(o.name, st.speaker, '') LIKE '%' || :speaker || '%')
ORDER BY speaker, st.source_id, st.start
""".strip(),
    tables=frozenset({"statements", "sources", "officials"}),
)

WHAT_EACH_SOURCE_REPORTS = CannedQuery(
    name="what_each_source_reports",
    title="What each source reports",
    description=(
        "One row per article: the vote shares it reports, how many quotes and reported"
        " statements it carries, and the officials and regions it names."
    ),
    sql="""
SELECT s.id AS source_id,
       s.outlet,
       s.published,
       s.title,
       (SELECT group_concat(share, '; ') FROM (
          SELECT coalesce(g.short, r.region, '?') || ' ' || printf('%g', r.percent) || '% '
                 || r.status AS share
          FROM results AS r LEFT JOIN regions AS g ON g.code = r.region_code
          WHERE r.source_id = s.id ORDER BY r.start)) AS results,
       (SELECT count(*) FROM statements AS st
        WHERE st.source_id = s.id AND st.kind = 'direct') AS quotes,
       (SELECT count(*) FROM statements AS st
        WHERE st.source_id = s.id AND st.kind = 'reported') AS reported,
       (SELECT group_concat(name, '; ') FROM (
          SELECT o.name FROM official_mentions AS m JOIN officials AS o ON o.id = m.official_id
          WHERE m.source_id = s.id ORDER BY m.start)) AS officials,
       (SELECT group_concat(short, '; ') FROM (
          SELECT g.short FROM region_mentions AS m JOIN regions AS g ON g.code = m.code
          WHERE m.source_id = s.id GROUP BY g.code ORDER BY min(m.start))) AS regions
FROM sources AS s
ORDER BY s.id
""".strip(),
    tables=frozenset(
        {"sources", "results", "regions", "statements", "official_mentions", "officials"}
        | {"region_mentions"}
    ),
)

COMPARE_SOURCES = CannedQuery(
    name="compare_sources",
    title="What the sources agree on, contradict, or alone report",
    description=(
        "The compare-sources findings, conflicts first: each with its verdict, what it is about,"
        " the sources involved, and whether their agreement is independent (sources that share"
        " wire services or cite the same agency are not). Filter by kind (results, statements,"
        " officials, regions, dates, sources) or leave the box empty for all."
    ),
    sql="""
SELECT f.verdict,
       f.kind,
       f.subject,
       f.detail,
       (SELECT group_concat(s.outlet || ' #' || s.id, ', ') FROM sources AS s
        WHERE s.id IN (SELECT value FROM json_each(f.sources))) AS sources,
       f.independent,
       f.computed_at
FROM findings AS f
WHERE :kind = '' OR f.kind = :kind
ORDER BY CASE f.verdict WHEN 'conflict' THEN 0 WHEN 'agree' THEN 1 ELSE 2 END, f.kind, f.subject
""".strip(),
    tables=frozenset({"findings", "sources"}),
)

CANNED_QUERIES: tuple[CannedQuery, ...] = (
    RESULTS_BY_REGION,
    QUOTES_BY_SPEAKER,
    WHAT_EACH_SOURCE_REPORTS,
    COMPARE_SOURCES,
)
