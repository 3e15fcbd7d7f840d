#!/usr/bin/env python
# -*- coding: utf-8 -*-
# guestbook.py -- old CGI guestbook, ported to python 3 in 2019 (mysqlclient)
import cgi
import html
import os
import sys

import MySQLdb

DB = MySQLdb.connect(host="localhost", user="guestbook", passwd=os.environ.get("GB_PASS", ""), db="guestbook", charset="utf8mb4")
PER_PAGE = 25


def fetch_entries(page):
    c = DB.cursor()
    offset = PER_PAGE * (int(page) - 1)
    # ok: CWE-89 -- constant page size, offset computed from int()
    c.execute("SELECT name, message, posted FROM entries WHERE approved = 1 ORDER BY posted DESC LIMIT %d OFFSET %d" % (PER_PAGE, offset))
    return c.fetchall()


def add_entry(name, message, ip):
    c = DB.cursor()
    # ok: CWE-89
    c.execute("INSERT INTO entries (name, message, ip, approved) VALUES (%s, %s, %s, 0)", (name, message, ip))
    DB.commit()


def is_banned(ip):
    c = DB.cursor()
    # expect: CWE-89 -- REMOTE_ADDR is still outside data
    c.execute("SELECT 1 FROM bans WHERE ip = '" + ip + "'")
    return c.fetchone() is not None


def search(term):
    c = DB.cursor()
    safe = DB.escape_string(term).decode()
    # ok: CWE-89 -- escaped with the connection's escape_string and quoted
    c.execute("SELECT name, message FROM entries WHERE message LIKE '%%%s%%'" % safe)
    return c.fetchall()


def search_name(term):
    c = DB.cursor()
    # expect: CWE-89
    c.execute("SELECT name, message FROM entries WHERE name = '%s'" % term)
    return c.fetchall()


def approve(ids):
    c = DB.cursor()
    # expect: CWE-89 -- form values joined without conversion
    c.execute("UPDATE entries SET approved = 1 WHERE id IN (%s)" % ",".join(ids))
    DB.commit()


def delete_old(days):
    c = DB.cursor()
    # expect: CWE-89 -- days comes from the query string unconverted
    c.execute("DELETE FROM entries WHERE approved = 0 AND posted < NOW() - INTERVAL " + days + " DAY")
    DB.commit()


def main():
    form = cgi.FieldStorage()
    ip = os.environ.get("REMOTE_ADDR", "0.0.0.0")
    print("Content-Type: text/html; charset=utf-8\n")
    if is_banned(ip):
        print("<p>go away</p>")
        return
    action = form.getfirst("action", "list")
    if action == "post":
        add_entry(form.getfirst("name", "anon")[:40], form.getfirst("message", "")[:2000], ip)
        print("<p>Thanks! Your entry awaits moderation.</p>")
    elif action == "search":
        for name, msg in search(form.getfirst("q", "")):
            print("<p><b>%s</b>: %s</p>" % (html.escape(name), html.escape(msg)))
    elif action == "by":
        for name, msg in search_name(form.getfirst("name", "")):
            print("<p><b>%s</b>: %s</p>" % (html.escape(name), html.escape(msg)))
    elif action == "approve" and os.environ.get("REMOTE_USER") == "admin":
        approve(form.getlist("id"))
        delete_old(form.getfirst("older_than", "30"))
        print("<p>approved</p>")
    else:
        for name, msg, posted in fetch_entries(form.getfirst("page", "1")):
            print("<p><i>%s</i> <b>%s</b>: %s</p>" % (posted, html.escape(name), html.escape(msg)))


if __name__ == "__main__":
    try:
        main()
    finally:
        DB.close()
    sys.exit(0)
