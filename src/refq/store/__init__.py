"""Storage: ``schema`` owns the tables and migrations, ``load`` writes parse results
(sqlite-utils, load path only), ``db`` opens databases for reading (stdlib sqlite3 only).

Nothing is imported here, so ``import refq.store.db`` stays cheap for query commands.
"""
