import sqlite3

from flask import Flask, abort, g, jsonify, request

app = Flask(__name__)
DATABASE = "library.db"
BOOK_COLUMNS = "id, title, author, year"
SORTABLE = {"title": "title", "author": "author", "year": "year"}


def get_db():
    db = getattr(g, "_database", None)
    if db is None:
        db = g._database = sqlite3.connect(DATABASE)
        db.row_factory = sqlite3.Row
    return db


@app.teardown_appcontext
def close_connection(exception):
    db = getattr(g, "_database", None)
    if db is not None:
        db.close()


@app.route("/books/<int:book_id>")
def get_book(book_id):
    # ok: CWE-89 -- constant column list, qmark placeholder with a tuple
    row = get_db().execute("SELECT " + BOOK_COLUMNS + " FROM books WHERE id = ?", (book_id,)).fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.route("/books")
def list_books():
    author = request.args.get("author", "")
    sort = SORTABLE.get(request.args.get("sort"), "title")
    # expect: CWE-89 -- author from the query string via % formatting (sort itself is allow-listed)
    rows = get_db().execute("SELECT %s FROM books WHERE author LIKE '%%%s%%' ORDER BY %s" % (BOOK_COLUMNS, author, sort)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/books/search")
def search_books():
    q = request.args.get("q", "")
    if len(q) < 2:
        return jsonify({"error": "query too short"}), 400
    # ok: CWE-89 -- the wildcards are added to the bound value
    rows = get_db().execute("SELECT id, title FROM books WHERE title LIKE ?", ("%" + q + "%",)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/books", methods=["POST"])
def create_book():
    data = request.get_json(force=True)
    if not data.get("title") or not data.get("author"):
        abort(400)
    db = get_db()
    # ok: CWE-89 -- named placeholders
    cur = db.execute("INSERT INTO books (title, author, year) VALUES (:title, :author, :year)", {"title": data["title"], "author": data["author"], "year": data.get("year")})
    db.commit()
    return jsonify({"id": cur.lastrowid}), 201


@app.route("/books/<int:book_id>/reviews", methods=["POST"])
def add_review(book_id):
    reviewer = request.form["reviewer"]
    text = request.form["text"]
    db = get_db()
    # expect: CWE-89 -- form fields in an f-string (book_id is an int route converter, the rest are not)
    db.execute(f"INSERT INTO reviews (book_id, reviewer, body) VALUES ({book_id}, '{reviewer}', '{text}')")
    db.commit()
    return "", 204


@app.route("/books/<int:book_id>", methods=["PUT"])
def update_book(book_id):
    payload = request.json or {}
    allowed = {"title", "author", "year"}
    fields = [k for k in payload if k in allowed]
    if not fields:
        abort(400)
    assignments = ", ".join(f"{f} = ?" for f in fields)
    db = get_db()
    # ok: CWE-89 -- column names filtered by an allow-list, values bound
    db.execute(f"UPDATE books SET {assignments} WHERE id = ?", [payload[f] for f in fields] + [book_id])
    db.commit()
    return "", 204


@app.route("/loans")
def loans():
    member = request.args.get("member")
    status = request.args.get("status", "open")
    query = "SELECT * FROM loans WHERE status = '{}'".format(status)
    if member:
        query += " AND member_id = " + member
    # expect: CWE-89 -- str.format plus += with request args
    rows = get_db().execute(query).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/loans/overdue")
def overdue():
    try:
        days = int(request.args.get("days", "14"))
    except ValueError:
        abort(400)
    # ok: CWE-89 -- days converted with int() before formatting
    rows = get_db().execute("SELECT * FROM loans WHERE due_date < date('now', '-%d days')" % days).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/members/<member_id>/history")
def member_history(member_id):
    # expect: CWE-89 -- string route parameter concatenated
    rows = get_db().execute("SELECT * FROM loans WHERE member_id = '" + member_id + "' ORDER BY loaned_at").fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/members/search", methods=["POST"])
def search_members():
    body = request.get_json(force=True) or {}
    clauses = ["{} = '{}'".format(k, v) for k, v in body.items()]
    sql = "SELECT id, name FROM members WHERE " + " AND ".join(clauses or ["1 = 1"])
    # expect: CWE-89 -- JSON keys and values formatted into the WHERE clause
    rows = get_db().execute(sql).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/admin/import", methods=["POST"])
def import_books():
    books = (request.json or {}).get("books", [])
    db = get_db()
    # ok: CWE-89 -- executemany with placeholders
    db.executemany("INSERT INTO books (title, author, year) VALUES (?, ?, ?)", [(b["title"], b["author"], b.get("year")) for b in books])
    db.commit()
    return jsonify({"imported": len(books)})


@app.route("/admin/reset-table", methods=["POST"])
def reset_table():
    table = request.form.get("table", "")
    # expect: CWE-89 -- executescript with a table name from the form
    get_db().executescript(f"DELETE FROM {table}; DELETE FROM sqlite_sequence WHERE name = '{table}';")
    return "", 204


def init_db():
    with app.app_context():
        db = get_db()
        with app.open_resource("schema.sql", mode="r") as f:
            # ok: CWE-89 -- schema file shipped with the application, no outside input
            db.executescript(f.read())
        db.commit()


if __name__ == "__main__":
    init_db()
    app.run(debug=False)
