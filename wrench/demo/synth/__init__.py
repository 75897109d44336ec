"""`wrench synth`: a synthetic plant of any size, for benchmarks and load tests.

Deterministic for a seed (and the `--until` day), streamed in batches, memory flat.
Rows are written directly (executemany on SQLite, COPY on PostgreSQL), so they carry
no simple-history rows; WorkOrderEvent rows are written for every lifecycle step taken,
except that work closed more than a year before `--until` keeps only its request, its
release to the schedule (→ RS), completion and close (`orders.ARCHIVE_DAYS`).
"""
