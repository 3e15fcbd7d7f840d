"""Legacy nightly sales reports (MySQLdb / mysqlclient)."""

import datetime
import os
import sys

import MySQLdb

db = MySQLdb.connect(host="localhost", user="reports", passwd=os.environ.get("REPORTS_DB_PASSWORD", ""), db="legacy")


def daily_sales(day):
    cur = db.cursor()
    # expect: CWE-89 -- % formatting with a parameter instead of a params tuple
    cur.execute("SELECT store_id, SUM(amount) FROM sales WHERE sale_date = '%s' GROUP BY store_id" % day)
    return cur.fetchall()


def daily_sales_bound(day):
    cur = db.cursor()
    # ok: CWE-89 -- params tuple
    cur.execute("SELECT store_id, SUM(amount) FROM sales WHERE sale_date = %s GROUP BY store_id", (day,))
    return cur.fetchall()


def store_report(store_code, limit=50):
    cur = db.cursor()
    sql_text = "SELECT * FROM sales WHERE store_code = '" + store_code + "'"
    sql_text = sql_text + " ORDER BY amount DESC"
    sql_text = sql_text + " LIMIT %d" % int(limit)
    # expect: CWE-89 -- reassigned query string that contains store_code
    cur.execute(sql_text)
    return cur.fetchall()


def top_stores(n):
    cur = db.cursor()
    # ok: CWE-89 -- %d can only render a number (anything else raises TypeError)
    cur.execute("SELECT store_id, SUM(amount) AS s FROM sales GROUP BY store_id ORDER BY s DESC LIMIT %d" % n)
    return cur.fetchall()


def load_targets(rows):
    cur = db.cursor()
    # ok: CWE-89 -- executemany with %s placeholders
    cur.executemany("INSERT INTO targets (store_id, month, amount) VALUES (%s, %s, %s)", rows)
    db.commit()


def delete_store(store_code):
    cur = db.cursor()
    # expect: CWE-89 -- str.format with a keyword argument
    cur.execute("DELETE FROM sales WHERE store_code = '{code}'".format(code=store_code))
    db.commit()


def main(argv):
    day = argv[1] if len(argv) > 1 else datetime.date.today().isoformat()
    for row in daily_sales(day):
        print(*row, sep="\t")
    if len(argv) > 2:
        for row in store_report(argv[2]):
            print(*row, sep="\t")
    for row in top_stores(10):
        print(*row, sep="\t")


if __name__ == "__main__":
    main(sys.argv)
