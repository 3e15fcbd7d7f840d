import logging
import os
from datetime import date, timedelta

import psycopg2
import psycopg2.extras
from celery import Celery
from celery.schedules import crontab

from settings import REPORTING  # {"schema": ..., "tables": [...], "retention_days": ...}

log = logging.getLogger(__name__)
app = Celery("jobs", broker=os.environ.get("BROKER_URL", "redis://localhost:6379/0"))


def _conn():
    return psycopg2.connect(os.environ["PG_DSN"])


@app.task(bind=True, max_retries=3)
def recompute_customer_ltv(self, customer_id):
    conn = _conn()
    try:
        with conn, conn.cursor() as cur:
            # ok: CWE-89
            cur.execute("SELECT coalesce(sum(total), 0) FROM orders WHERE customer_id = %s AND status = 'paid'", (customer_id,))
            ltv = cur.fetchone()[0]
            # ok: CWE-89
            cur.execute("UPDATE customers SET ltv = %(ltv)s WHERE id = %(id)s", {"ltv": ltv, "id": customer_id})
    except psycopg2.OperationalError as exc:
        raise self.retry(exc=exc, countdown=30)
    finally:
        conn.close()


@app.task
def tag_customers(tag, customer_ids):
    conn = _conn()
    with conn, conn.cursor() as cur:
        rows = [(cid, tag) for cid in customer_ids]
        # ok: CWE-89 -- execute_values builds the VALUES list with escaping
        psycopg2.extras.execute_values(cur, "INSERT INTO customer_tags (customer_id, tag) VALUES %s ON CONFLICT DO NOTHING", rows)
        # expect: CWE-89 -- task argument formatted into SQL
        cur.execute("UPDATE tags SET usage = usage + %d WHERE name = '%s'" % (len(rows), tag))
    conn.close()


@app.task
def purge_old_rows():
    days = int(REPORTING.get("retention_days", 90))
    cutoff = date.today() - timedelta(days=days)
    conn = _conn()
    with conn, conn.cursor() as cur:
        for table in REPORTING["tables"]:
            # expect: CWE-89 -- table names come from settings
            cur.execute("DELETE FROM " + REPORTING["schema"] + "." + table + " WHERE created_at < %s", (cutoff,))
            log.info("purged %s rows from %s", cur.rowcount, table)
    conn.close()


@app.task
def sync_segment(segment_id):
    conn = _conn()
    with conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
        # ok: CWE-89
        cur.execute("SELECT id, rule_sql, name FROM segments WHERE id = %s", (segment_id,))
        seg = cur.fetchone()
        if not seg:
            return
        # expect: CWE-89 -- SQL stored in the database is executed verbatim
        cur.execute("SELECT id FROM customers WHERE " + seg["rule_sql"])
        ids = [r["id"] for r in cur.fetchall()]
        # ok: CWE-89
        cur.execute("DELETE FROM segment_members WHERE segment_id = %s", (segment_id,))
        # ok: CWE-89
        psycopg2.extras.execute_batch(cur, "INSERT INTO segment_members (segment_id, customer_id) VALUES (%s, %s)", [(segment_id, i) for i in ids])
        # expect: CWE-89 -- segment name read back from the row
        cur.execute(f"NOTIFY segment_changed, '{seg['name']}'")
    conn.close()


@app.task
def send_welcome(email, plan):
    conn = _conn()
    with conn, conn.cursor() as cur:
        # expect: CWE-89 -- named str.format placeholders, not driver parameters
        cur.execute("UPDATE customers SET welcomed_at = now(), plan = '{plan}' WHERE email = '{email}'".format(plan=plan, email=email))
    conn.close()


@app.task
def flag_fraud(email, score):
    conn = _conn()
    with conn, conn.cursor() as cur:
        # expect: CWE-89 -- %(name)s used with Python's % operator instead of as a driver parameter
        cur.execute("UPDATE customers SET fraud_score = %(score)s WHERE email = '%(email)s'" % {"score": score, "email": email})
    conn.close()


@app.task
def export_csv(table, path):
    conn = _conn()
    with conn, conn.cursor() as cur, open(path, "w") as fh:
        # expect: CWE-89 -- copy_expert with a task argument
        cur.copy_expert(f"COPY (SELECT * FROM {table}) TO STDOUT WITH CSV HEADER", fh)
    conn.close()


@app.task
def export_orders_csv(path, since):
    conn = _conn()
    with conn, conn.cursor() as cur, open(path, "w") as fh:
        # ok: CWE-89 -- mogrify with a parameter tuple
        query = cur.mogrify("COPY (SELECT * FROM orders WHERE created_at >= %s) TO STDOUT WITH CSV HEADER", (since,)).decode()
        # ok: CWE-89 -- mogrify escaped the value first
        cur.copy_expert(query, fh)
    conn.close()


@app.task
def refresh_views():
    conn = _conn()
    conn.autocommit = True
    with conn.cursor() as cur:
        for view in ("mv_daily_sales", "mv_customer_ltv"):
            # ok: CWE-89 -- iterates a literal tuple
            cur.execute(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {view}")
        # ok: CWE-89
        cur.callproc("recalc_kpis", [date.today()])
    conn.close()


app.conf.beat_schedule = {
    "purge": {"task": "celery_tasks.purge_old_rows", "schedule": crontab(hour=2, minute=0)},
    "views": {"task": "celery_tasks.refresh_views", "schedule": crontab(minute="*/15")},
}
