"""`make bench`: Wrench's figures at BENCH_SCALE work orders on SQLite and PostgreSQL.

`runner` builds (or reuses) the databases and starts gunicorn per database; `measure` runs
inside a process configured for one database and takes the figures (B4 builds the reports
app's own manager dashboard, `reports.catalog.build("dashboard", …)`).
"""
