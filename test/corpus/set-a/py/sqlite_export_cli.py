"""Small admin CLI: export or count rows of the local SQLite database."""

import argparse
import csv
import sqlite3
import sys

TABLES = {"users", "orders", "products"}

MIGRATIONS = [
    "ALTER TABLE users ADD COLUMN last_login TEXT",
    "CREATE INDEX IF NOT EXISTS idx_orders_user ON orders(user_id)",
]


def build_where(filters):
    parts = []
    for column, value in filters.items():
        parts.append(f"{column} = '{value}'")
    return " AND ".join(parts) if parts else "1 = 1"


def build_where_safe(filters, allowed):
    parts, params = [], []
    for column, value in filters.items():
        if column not in allowed:
            raise ValueError(f"unknown column {column}")
        parts.append(f"{column} = ?")
        params.append(value)
    return (" AND ".join(parts) or "1 = 1"), params


def export(conn, table, filters, out):
    if table not in TABLES:
        raise SystemExit(f"unknown table {table}")
    # expect: CWE-89 -- filters (from argv) turned into SQL text by build_where()
    rows = conn.execute(f"SELECT * FROM {table} WHERE {build_where(filters)}")
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)


def export_safe(conn, table, filters, out):
    if table not in TABLES:
        raise SystemExit(f"unknown table {table}")
    where, params = build_where_safe(filters, {"id", "email", "status"})
    # ok: CWE-89 -- table checked against TABLES; the where clause contains only placeholders
    rows = conn.execute(f"SELECT * FROM {table} WHERE {where}", params)
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)


def count_rows(conn, table):
    cur = conn.cursor()
    # expect: CWE-89 -- table name from a parameter, never validated
    cur.execute("SELECT COUNT(*) FROM " + table)
    return cur.fetchone()[0]


def rename_user(conn, old, new):
    # expect: CWE-89 -- string concatenation with parameters
    conn.execute("UPDATE users SET name = '" + new + "' WHERE name = '" + old + "'")
    conn.commit()


def purge_before(conn, table, date_column, cutoff):
    if table not in TABLES:
        raise ValueError(table)
    # expect: CWE-89 -- table is checked, but date_column and cutoff are formatted in unchecked
    conn.execute("DELETE FROM %s WHERE %s < '%s'" % (table, date_column, cutoff))
    conn.commit()


def migrate(conn):
    # ok: CWE-89 -- constant DDL
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    # ok: CWE-89 -- constant query
    (current,) = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
    for version, statement in enumerate(MIGRATIONS, start=1):
        if version > current:
            # ok: CWE-89 -- statement comes from the constant MIGRATIONS list
            conn.execute(statement)
            # ok: CWE-89 -- placeholder
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
    conn.commit()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db")
    parser.add_argument("table")
    parser.add_argument("--filter", action="append", default=[], help="column=value")
    parser.add_argument("--count", action="store_true")
    parser.add_argument("--safe", action="store_true")
    parser.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"))
    args = parser.parse_args()

    filters = dict(f.split("=", 1) for f in args.filter)
    conn = sqlite3.connect(args.db)
    # ok: CWE-89 -- constant PRAGMA
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)
    if args.rename:
        rename_user(conn, *args.rename)
    elif args.count:
        print(count_rows(conn, args.table))
    elif args.safe:
        export_safe(conn, args.table, filters, sys.stdout)
    else:
        export(conn, args.table, filters, sys.stdout)
    conn.close()


if __name__ == "__main__":
    main()
