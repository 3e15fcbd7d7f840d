import os

import pymysql
import pymysql.cursors
from flask import Blueprint, jsonify, request

catalog = Blueprint("catalog", __name__)

WAREHOUSES = ("main", "north", "south")


def connect():
    return pymysql.connect(
        host=os.environ.get("CATALOG_DB_HOST", "localhost"),
        user="catalog",
        password=os.environ.get("CATALOG_DB_PASSWORD", ""),
        database="catalog",
        cursorclass=pymysql.cursors.DictCursor,
    )


@catalog.route("/categories/<slug>")
def category(slug):
    conn = connect()
    try:
        with conn.cursor() as cursor:
            # ok: CWE-89 -- pymysql %s parameter (scalar argument)
            cursor.execute("SELECT * FROM categories WHERE slug = %s", slug)
            row = cursor.fetchone()
    finally:
        conn.close()
    return jsonify(row)


@catalog.route("/categories/<slug>/products")
def category_products(slug):
    sort = request.args.get("sort", "name")
    conn = connect()
    with conn.cursor() as cursor:
        # expect: CWE-89 -- sort from request.args appended to ORDER BY (slug is bound)
        cursor.execute("SELECT p.* FROM products p JOIN categories c ON c.id = p.category_id WHERE c.slug = %s ORDER BY " + sort, (slug,))
        rows = cursor.fetchall()
    conn.close()
    return jsonify(rows)


@catalog.route("/products/lookup")
def lookup():
    code = request.args.get("code", "")
    conn = connect()
    with conn.cursor() as cursor:
        # ok: CWE-89 -- value escaped and quoted with Connection.escape()
        cursor.execute("SELECT * FROM products WHERE code = " + conn.escape(code))
        return jsonify(cursor.fetchone())


@catalog.route("/products/filter", methods=["POST"])
def filter_products():
    payload = request.get_json() or {}
    conditions = []
    for key, value in payload.items():
        conditions.append("%s = '%s'" % (key, value))
    where = " AND ".join(conditions) or "1=1"
    conn = connect()
    with conn.cursor() as cursor:
        # expect: CWE-89 -- JSON keys and values formatted into the WHERE clause
        cursor.execute("SELECT * FROM products WHERE " + where)
        return jsonify(cursor.fetchall())


@catalog.route("/products/<int:product_id>/price", methods=["POST"])
def set_price(product_id):
    price = request.form.get("price", type=float)
    if price is None:
        return jsonify({"error": "price required"}), 400
    conn = connect()
    with conn.cursor() as cursor:
        # ok: CWE-89 -- named pyformat parameters
        cursor.execute("UPDATE products SET price = %(price)s WHERE id = %(id)s", {"price": price, "id": product_id})
    conn.commit()
    return "", 204


@catalog.route("/products/bulk-tag", methods=["POST"])
def bulk_tag():
    tag = request.form["tag"]
    ids = request.form.getlist("id")
    conn = connect()
    with conn.cursor() as cursor:
        # expect: CWE-89 -- tag from the form put into the text with an f-string
        cursor.executemany(f"INSERT INTO product_tags (product_id, tag) VALUES (%s, '{tag}')", [(i,) for i in ids])
    conn.commit()
    return "", 204


@catalog.route("/stock")
def stock():
    warehouse = request.args.get("warehouse", "main")
    if warehouse not in WAREHOUSES:
        return jsonify({"error": "unknown warehouse"}), 400
    conn = connect()
    with conn.cursor() as cursor:
        # ok: CWE-89 -- table suffix from the fixed WAREHOUSES tuple checked above
        cursor.execute("SELECT sku, qty FROM stock_" + warehouse + " WHERE qty > 0")
        return jsonify(cursor.fetchall())


@catalog.route("/rankings/refresh", methods=["POST"])
def refresh_rankings():
    conn = connect()
    with conn.cursor() as cursor:
        # ok: CWE-89 -- stored procedure call with arguments
        cursor.callproc("refresh_rankings", (request.form.get("category"),))
    conn.commit()
    return "", 202


@catalog.route("/products/by-supplier")
def by_supplier():
    supplier = request.args.get("supplier", "")
    conn = connect()
    with conn.cursor() as cursor:
        # expect: CWE-89 -- .format() with a request argument
        cursor.execute("SELECT id, name FROM products WHERE supplier = '{0}' ORDER BY name".format(supplier))
        return jsonify(cursor.fetchall())
