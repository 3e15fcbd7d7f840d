"""Tiny lending-library app. Flask + sqlite3, no ORM."""
import sqlite3

from flask import Flask, abort, g, jsonify, request

app = Flask(__name__)
app.config["DATABASE"] = "library.db"

SORT_COLUMNS = {"title": "title", "author": "author", "year": "published_year"}


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    db = get_db()
    # ok: CWE-89 -- constant schema script
    db.executescript("""
        CREATE TABLE IF NOT EXISTS books (id INTEGER PRIMARY KEY, title TEXT, author TEXT, published_year INT, isbn TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS loans (id INTEGER PRIMARY KEY, book_id INT, member TEXT, due TEXT, returned INT DEFAULT 0);
    """)


@app.get("/books")
def list_books():
    sort = SORT_COLUMNS.get(request.args.get("sort"), "title")
    page = int(request.args.get("page", 1))
    # ok: CWE-89 -- column from dict lookup, page converted with int()
    rows = get_db().execute(f"SELECT * FROM books ORDER BY {sort} LIMIT 20 OFFSET {(page - 1) * 20}").fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/books/<int:book_id>")
def get_book(book_id):
    # ok: CWE-89
    row = get_db().execute("SELECT * FROM books WHERE id = ?", (book_id,)).fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.get("/books/search")
def search_books():
    q = request.args.get("q", "")
    cur = get_db().cursor()
    # expect: CWE-89
    cur.execute("SELECT * FROM books WHERE title LIKE '%" + q + "%' OR author LIKE '%" + q + "%'")
    return jsonify([dict(r) for r in cur.fetchall()])


@app.get("/books/search2")
def search_books_safe():
    q = request.args.get("q", "")
    cur = get_db().cursor()
    # ok: CWE-89 -- wildcards added to the bound value
    cur.execute("SELECT * FROM books WHERE title LIKE ? OR author LIKE ?", (f"%{q}%", f"%{q}%"))
    return jsonify([dict(r) for r in cur.fetchall()])


@app.get("/authors/<name>/books")
def books_by_author(name):
    # expect: CWE-89 -- % formatting of a URL segment
    rows = get_db().execute("SELECT title FROM books WHERE author = '%s'" % name).fetchall()
    return jsonify([r["title"] for r in rows])


@app.get("/books/sorted")
def books_sorted():
    column = request.args.get("column", "title")
    direction = request.args.get("dir", "ASC")
    # expect: CWE-89 -- neither column nor direction is checked
    rows = get_db().execute("SELECT * FROM books ORDER BY %s %s" % (column, direction)).fetchall()
    return jsonify([dict(r) for r in rows])


def _member_filter(member):
    return "member = '" + member + "'"


@app.get("/loans/by-member")
def loans_by_member():
    where = _member_filter(request.args["member"])
    # expect: CWE-89 -- WHERE fragment returned by a helper
    rows = get_db().execute(" ".join(["SELECT * FROM loans WHERE", where, "ORDER BY due"])).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/branch/books")
def branch_books():
    branch = request.headers.get("X-Branch", "main")
    # expect: CWE-89 -- header value in an f-string
    rows = get_db().execute(f"SELECT b.* FROM books b JOIN stock s ON s.book_id = b.id WHERE s.branch = '{branch}'").fetchall()
    return jsonify([dict(r) for r in rows])


@app.post("/loans")
def create_loan():
    data = request.get_json(force=True)
    db = get_db()
    # ok: CWE-89 -- named placeholders
    db.execute("INSERT INTO loans (book_id, member, due) VALUES (:book, :member, date('now', '+21 days'))", {"book": data["book_id"], "member": data["member"]})
    db.commit()
    return "", 201


@app.get("/loans/overdue")
def overdue():
    member = request.args.get("member")
    sql = "SELECT l.id, b.title, l.due FROM loans l JOIN books b ON b.id = l.book_id WHERE l.returned = 0 AND l.due < date('now')"
    params = []
    if member:
        sql += " AND l.member = ?"
        params.append(member)
    # ok: CWE-89 -- constant text grows, values bound
    rows = get_db().execute(sql, params).fetchall()
    return jsonify([dict(r) for r in rows])


@app.post("/loans/return")
def return_books():
    ids = request.get_json()["loan_ids"]
    marks = ",".join("?" * len(ids))
    # ok: CWE-89 -- one ? per id
    get_db().execute(f"UPDATE loans SET returned = 1 WHERE id IN ({marks})", ids)
    get_db().commit()
    return "", 204


@app.post("/loans/return-fast")
def return_books_fast():
    ids = request.get_json()["loan_ids"]
    id_list = ",".join(str(i) for i in ids)
    # expect: CWE-89 -- str() of JSON values is not int()
    get_db().execute(f"UPDATE loans SET returned = 1 WHERE id IN ({id_list})")
    get_db().commit()
    return "", 204


@app.post("/books/import")
def import_books():
    books = request.get_json()
    db = get_db()
    # ok: CWE-89
    db.executemany("INSERT OR IGNORE INTO books (title, author, published_year, isbn) VALUES (?, ?, ?, ?)", [(b["title"], b["author"], b.get("year"), b["isbn"]) for b in books])
    db.commit()
    return jsonify(imported=len(books))


@app.get("/stats/year/<year>")
def per_year(year):
    # expect: CWE-89 -- str.format of a path segment
    row = get_db().execute("SELECT COUNT(*) FROM books WHERE published_year = {}".format(year)).fetchone()
    return jsonify(count=row[0])


@app.get("/stats/decade/<decade>")
def per_decade(decade):
    start = int(decade)
    # ok: CWE-89 -- %d only accepts numbers, and the value was int()-converted
    row = get_db().execute("SELECT COUNT(*) FROM books WHERE published_year BETWEEN %d AND %d" % (start, start + 9)).fetchone()
    return jsonify(count=row[0])


if __name__ == "__main__":
    with app.app_context():
        init_db()
    app.run(debug=True)
