"""The same catalogue with placeholders and bound values."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def get_db():
    return sqlite3.connect("library.db")


@app.route("/books")
def books():
    author = request.args.get("author", "")
    rows = get_db().execute("SELECT * FROM books WHERE author = ?", (author,)).fetchall()
    return jsonify(rows)


@app.route("/books/<book_id>", methods=["DELETE"])
def delete_book(book_id):
    db = get_db()
    db.execute("DELETE FROM books WHERE id = ?", (book_id,))
    db.commit()
    return "", 204
