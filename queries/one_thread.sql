-- DuckDB on one thread for the whole database instance (threads is a
-- global setting): a refresh runs Go work beside every statement, and on
-- more threads the caller of a statement spins while DuckDB's workers run
-- it (sidedb.OpenFile; BENCHMARKS.md, finding 33).
SET threads = 1
