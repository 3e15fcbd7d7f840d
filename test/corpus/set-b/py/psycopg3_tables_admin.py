"""Admin helpers for the multi-tenant Postgres cluster (psycopg 3)."""
import os
import sys
from string import Template

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

DSN = os.environ.get("ADMIN_DSN", "dbname=app")


def table_sizes(conn: psycopg.Connection, schema: str):
    # ok: CWE-89
    return conn.execute("SELECT relname, pg_total_relation_size(c.oid) FROM pg_class c "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = %s AND c.relkind = 'r'", (schema,)).fetchall()


def count_rows(conn: psycopg.Connection, schema: str, table: str) -> int:
    query = sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))
    # ok: CWE-89 -- identifiers composed with sql.Identifier
    return conn.execute(query).fetchone()[0]


def count_rows_where(conn: psycopg.Connection, table: str, column: str, value) -> int:
    query = sql.SQL("SELECT count(*) FROM {tbl} WHERE {col} = {val}").format(
        tbl=sql.Identifier(table), col=sql.Identifier(column), val=sql.Literal(value)
    )
    # ok: CWE-89 -- sql.Literal quotes the value
    return conn.execute(query).fetchone()[0]


def count_rows_filtered(conn: psycopg.Connection, table: str, condition: str) -> int:
    # expect: CWE-89 -- sql.SQL() wraps caller text as raw SQL
    return conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE {}").format(sql.Identifier(table), sql.SQL(condition))).fetchone()[0]


def create_tenant(conn: psycopg.Connection, tenant: str, owner: str):
    with conn.transaction():
        # ok: CWE-89
        conn.execute(sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(sql.Identifier(tenant), sql.Identifier(owner)))
        # ok: CWE-89
        conn.execute(sql.SQL("CREATE TABLE {}.settings (key text PRIMARY KEY, value jsonb)").format(sql.Identifier(tenant)))
        # expect: CWE-89 -- plain f-string with the tenant name
        conn.execute(f"GRANT USAGE ON SCHEMA {tenant} TO readonly")


def set_setting(conn: psycopg.Connection, tenant: str, key: str, value: str):
    with conn.cursor() as cur:
        # expect: CWE-89 -- tenant pasted, only key/value are parameters
        cur.execute(f"INSERT INTO {tenant}.settings (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (key, value))


def lookup_by_name(conn: psycopg.Connection, table: str, name: str):
    # expect: CWE-89 -- the sql.SQL template itself is concatenated with the name
    return conn.execute(sql.SQL("SELECT * FROM {} WHERE name = '" + name + "'").format(sql.Identifier(table))).fetchall()


def drop_tenant(conn: psycopg.Connection, tenant: str):
    stmt = Template("DROP SCHEMA IF EXISTS $schema CASCADE").substitute(schema=tenant)
    # expect: CWE-89 -- string.Template does no quoting
    conn.execute(stmt)


def find_users(conn: psycopg.Connection, emails: list[str]):
    with conn.cursor(row_factory=dict_row) as cur:
        # ok: CWE-89 -- list adapted as an array
        cur.execute("SELECT id, email FROM users WHERE email = ANY(%s)", (emails,))
        return cur.fetchall()


def rename_column(conn: psycopg.Connection, table: str, old: str, new: str):
    stmt = "ALTER TABLE {} RENAME COLUMN {} TO {}".format(table, old, new)
    # expect: CWE-89
    conn.execute(stmt)


def kill_idle(conn: psycopg.Connection, minutes: str):
    # expect: CWE-89 -- minutes arrives as text from argv
    conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle' AND state_change < now() - interval '" + minutes + " minutes'")


def kill_idle_safe(conn: psycopg.Connection, minutes: str):
    # ok: CWE-89 -- make_interval with a bound int
    conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle' AND state_change < now() - make_interval(mins => %s)", (int(minutes),))


def copy_out(conn: psycopg.Connection, table: str, fh):
    with conn.cursor() as cur:
        # ok: CWE-89 -- COPY statement composed with sql.Identifier
        with cur.copy(sql.SQL("COPY {} TO STDOUT").format(sql.Identifier(table))) as copy:
            for chunk in copy:
                fh.write(chunk)


if __name__ == "__main__":
    cmd, *rest = sys.argv[1:]
    with psycopg.connect(DSN, autocommit=True) as c:
        if cmd == "sizes":
            print(table_sizes(c, rest[0]))
        elif cmd == "count":
            print(count_rows_filtered(c, rest[0], rest[1]) if len(rest) > 1 else count_rows(c, "public", rest[0]))
        elif cmd == "tenant":
            create_tenant(c, rest[0], rest[1])
        elif cmd == "rename":
            rename_column(c, *rest[:3])
        elif cmd == "kill-idle":
            kill_idle(c, rest[0])
        elif cmd == "copy":
            copy_out(c, rest[0], sys.stdout)
