"""Stage 7, the audit ledger: every round of an inspection kept in an SQLite file.

store (the file, its schema and migrations), record (a run and its reports, one
transaction each), bodies (one body across rounds; the inspector's mapping file),
decisions (inspectors' decisions on a report's content), queries (rounds, bodies,
history, two rounds compared) and views (text, JSON, CSV, HTML). Imports earlier stages
only; the command line (checker.cli) and the audit (checker.audit) use it.
"""
