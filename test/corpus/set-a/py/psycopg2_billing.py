import os
import sys
from contextlib import contextmanager

import psycopg2
import psycopg2.extras
from psycopg2 import sql

DSN = os.environ.get("BILLING_DSN", "dbname=billing")


@contextmanager
def get_conn():
    conn = psycopg2.connect(DSN)
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()


def get_invoice(invoice_id):
    with get_conn() as conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
        # ok: CWE-89 -- %s placeholder with a tuple argument
        cur.execute("SELECT * FROM invoices WHERE id = %s", (invoice_id,))
        return cur.fetchone()


def invoices_for_customer(customer_ref):
    with get_conn() as conn, conn.cursor() as cur:
        # expect: CWE-89 -- f-string with a function parameter
        cur.execute(f"SELECT id, total FROM invoices WHERE customer_ref = '{customer_ref}' ORDER BY issued_at")
        return cur.fetchall()


def invoices_for_account(account_no):
    with get_conn() as conn, conn.cursor() as cur:
        # expect: CWE-89 -- the % operator formats the value into the text (a comma would have made it a parameter)
        cur.execute("SELECT id, total FROM invoices WHERE account_no = %s" % (account_no,))
        return cur.fetchall()


def totals_by(column, since):
    with get_conn() as conn, conn.cursor() as cur:
        # ok: CWE-89 -- psycopg2.sql composition: Identifier quotes the column, the date is bound
        cur.execute(sql.SQL("SELECT {col}, SUM(total) FROM invoices WHERE issued_at >= %s GROUP BY {col}").format(col=sql.Identifier(column)), (since,))
        return cur.fetchall()


def totals_by_unchecked(column, since):
    with get_conn() as conn, conn.cursor() as cur:
        # expect: CWE-89 -- wrapping an f-string in sql.SQL() does not escape the column
        cur.execute(sql.SQL(f"SELECT {column}, SUM(total) FROM invoices WHERE issued_at >= %s GROUP BY {column}"), (since,))
        return cur.fetchall()


def insert_line_items(invoice_id, items):
    with get_conn() as conn, conn.cursor() as cur:
        # ok: CWE-89 -- executemany with placeholders
        cur.executemany("INSERT INTO line_items (invoice_id, sku, qty, unit_price) VALUES (%s, %s, %s, %s)", [(invoice_id, i["sku"], i["qty"], i["unit_price"]) for i in items])


def insert_line_items_fast(invoice_id, items):
    with get_conn() as conn, conn.cursor() as cur:
        # ok: CWE-89 -- execute_values expands VALUES %s with escaped tuples
        psycopg2.extras.execute_values(cur, "INSERT INTO line_items (invoice_id, sku, qty, unit_price) VALUES %s", [(invoice_id, i["sku"], i["qty"], i["unit_price"]) for i in items])


def archive_skus(skus):
    quoted = ", ".join("'" + s + "'" for s in skus)
    with get_conn() as conn, conn.cursor() as cur:
        # expect: CWE-89 -- quoted list built from strings
        cur.execute(f"UPDATE line_items SET archived = true WHERE sku IN ({quoted})")


def apply_discounts(discounts, note):
    with get_conn() as conn, conn.cursor() as cur:
        # expect: CWE-89 -- note formatted into the executemany text next to real placeholders
        cur.executemany("UPDATE invoices SET total = total - %s, note = '{}' WHERE id = %s".format(note), discounts)


def preview_query(customer_ref):
    with get_conn() as conn, conn.cursor() as cur:
        # ok: CWE-89 -- mogrify binds the value client-side
        statement = cur.mogrify("SELECT * FROM invoices WHERE customer_ref = %s", (customer_ref,))
        print(statement.decode())
        # ok: CWE-89 -- executes the statement produced by mogrify
        cur.execute(statement)
        return cur.fetchall()


if __name__ == "__main__":
    ref = sys.argv[1]
    with get_conn() as conn, conn.cursor() as cur:
        # expect: CWE-89 -- command-line argument concatenated
        cur.execute("SELECT count(*) FROM invoices WHERE customer_ref = '" + ref + "'")
        print(cur.fetchone()[0])
