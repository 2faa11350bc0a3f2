"""``refq serve``: the knowledge base in Datasette, described so that a newcomer can read it.

``metadata.build_metadata`` (pure) turns the database's tables and columns into Datasette
metadata: titles, table and column descriptions, label columns so that foreign keys show
names, full-text search on statements, facets, and the canned queries in ``queries``.
Nothing here imports Datasette; ``refq.browse.serve`` does, when it runs.
"""
