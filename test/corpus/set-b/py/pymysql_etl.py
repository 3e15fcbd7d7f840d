#!/usr/bin/env python3
"""Nightly ETL: copy yesterday's clicks from the tracking DB into the warehouse.

    python pymysql_etl.py --source-table clicks_2024 --since 2024-05-01 --campaign spring
"""
import argparse
import configparser
import datetime as dt
import sys

import pymysql
import pymysql.cursors

cfg = configparser.ConfigParser()
cfg.read("etl.ini")


def connect(section):
    return pymysql.connect(
        host=cfg[section]["host"],
        user=cfg[section]["user"],
        password=cfg[section]["password"],
        database=cfg[section]["database"],
        cursorclass=pymysql.cursors.DictCursor,
        autocommit=False,
    )


def parse_args(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--source-table", default="clicks")
    p.add_argument("--since", default=(dt.date.today() - dt.timedelta(days=1)).isoformat())
    p.add_argument("--campaign")
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--dry-run", action="store_true")
    return p.parse_args(argv)


def extract(src, table, since, campaign=None):
    with src.cursor() as cur:
        sql = "SELECT id, user_id, url, campaign, clicked_at FROM `%s` WHERE clicked_at >= %%s" % table
        params = [since]
        if campaign:
            sql += " AND campaign = %s"
            params.append(campaign)
        # expect: CWE-89 -- table name from argv formatted in; the rest is parameterised
        cur.execute(sql, params)
        return cur.fetchall()


def load(dst, rows, batch):
    with dst.cursor() as cur:
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            # ok: CWE-89
            cur.executemany("INSERT INTO fact_clicks (src_id, user_id, url, campaign, clicked_at) VALUES (%s, %s, %s, %s, %s) "
                            "ON DUPLICATE KEY UPDATE url = VALUES(url)",
                            [(r["id"], r["user_id"], r["url"], r["campaign"], r["clicked_at"]) for r in chunk])
    dst.commit()


def mark_campaigns(dst, campaigns):
    with dst.cursor() as cur:
        for name in campaigns:
            # ok: CWE-89 -- connection.escape() quotes the value
            cur.execute("UPDATE dim_campaign SET last_loaded = NOW() WHERE name = %s" % dst.escape(name))
        names = ", ".join("'%s'" % c for c in campaigns)
        # expect: CWE-89 -- campaign names from the source database, hand-quoted
        cur.execute("DELETE FROM campaign_backlog WHERE name IN (" + names + ")")
    dst.commit()


def campaign_exists(src, campaign):
    with src.cursor() as cur:
        # expect: CWE-89 -- argv value % formatted
        cur.execute("SELECT 1 FROM campaigns WHERE code = '%s'" % campaign)
        return cur.fetchone() is not None


def bookkeeping(dst, args, n):
    with dst.cursor() as cur:
        # ok: CWE-89
        cur.execute("INSERT INTO etl_runs (job, rows_loaded, args) VALUES (%s, %s, %s)", ("clicks", n, " ".join(sys.argv[1:])))
        # expect: CWE-89 -- since is an argv string
        cur.execute("UPDATE etl_watermarks SET value = '{}' WHERE job = 'clicks'".format(args.since))
        batch = int(args.batch)
        # ok: CWE-89 -- int
        cur.execute("UPDATE etl_settings SET batch_size = %d WHERE job = 'clicks'" % batch)
    dst.commit()


def main():
    args = parse_args()
    src = connect("tracking")
    dst = connect("warehouse")
    try:
        if args.campaign and not campaign_exists(src, args.campaign):
            print("unknown campaign", file=sys.stderr)
            return 2
        rows = extract(src, args.source_table, args.since, args.campaign)
        if args.dry_run:
            print(f"would load {len(rows)} rows")
            return 0
        load(dst, rows, args.batch)
        mark_campaigns(dst, sorted({r["campaign"] for r in rows if r["campaign"]}))
        bookkeeping(dst, args, len(rows))
    except pymysql.MySQLError as e:
        dst.rollback()
        print("ETL failed:", e, file=sys.stderr)
        return 1
    finally:
        src.close()
        dst.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
