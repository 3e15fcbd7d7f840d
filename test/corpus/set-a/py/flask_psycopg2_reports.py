import io

import psycopg2
from flask import Flask, Response, jsonify, request
from psycopg2.extras import RealDictCursor

app = Flask(__name__)
conn = psycopg2.connect("dbname=reports user=web")


def sales_for(region, start, end):
    with conn.cursor(cursor_factory=RealDictCursor) as cur:
        # expect: CWE-89 -- region/start/end (request data at the call site) formatted in
        cur.execute("SELECT day, total FROM daily_sales WHERE region = '%s' AND day BETWEEN '%s' AND '%s' ORDER BY day" % (region, start, end))
        return cur.fetchall()


@app.route("/sales")
def sales():
    return jsonify(sales_for(request.args["region"], request.args["start"], request.args["end"]))


@app.route("/sales/regions")
def regions():
    with conn.cursor() as cur:
        # ok: CWE-89 -- constant query
        cur.execute("SELECT DISTINCT region FROM daily_sales ORDER BY 1")
        return jsonify([r[0] for r in cur.fetchall()])


@app.route("/sales/by-product", methods=["POST"])
def sales_by_product():
    body = request.get_json() or {}
    products = body.get("products", [])
    if not products:
        return jsonify([])
    with conn.cursor() as cur:
        # expect: CWE-89 -- JSON body values joined inside an f-string
        cur.execute(f"SELECT product_id, SUM(qty) FROM order_lines WHERE product_id IN ({','.join(products)}) GROUP BY 1")
        return jsonify(cur.fetchall())


@app.route("/sales/top")
def top_products():
    n = request.args.get("n", 10, type=int)
    with conn.cursor() as cur:
        # ok: CWE-89 -- request.args.get(type=int) yields an int (or the default)
        cur.execute(f"SELECT product_id, total FROM product_totals ORDER BY total DESC LIMIT {n}")
        return jsonify(cur.fetchall())


@app.route("/sales/compare")
def compare():
    a = request.args.get("a", "")
    b = request.args.get("b", "")
    query = "SELECT region, SUM(total) FROM daily_sales WHERE region IN ("
    query += "'" + a + "', '" + b + "'"
    query += ") GROUP BY region"
    with conn.cursor() as cur:
        # expect: CWE-89 -- += with request args
        cur.execute(query)
        return jsonify(cur.fetchall())


@app.route("/dashboards/<name>")
def dashboard(name):
    with conn.cursor(cursor_factory=RealDictCursor) as cur:
        # expect: CWE-89 -- URL path segment concatenated
        cur.execute("SELECT widget, config FROM dashboards WHERE name = '" + name + "'")
        return jsonify(cur.fetchall())


@app.route("/preferences", methods=["POST"])
def preferences():
    theme = request.cookies.get("theme", "light")
    user_id = request.headers.get("X-User-Id", "0")
    with conn.cursor() as cur:
        # expect: CWE-89 -- cookie and header values in the statement
        cur.execute("UPDATE preferences SET theme = '{}' WHERE user_id = {}".format(theme, user_id))
    conn.commit()
    return "", 204


@app.route("/exports", methods=["POST"])
def export_csv():
    table = request.form["table"]
    columns = request.form.getlist("columns") or ["*"]
    buf = io.StringIO()
    with conn.cursor() as cur:
        # expect: CWE-89 -- COPY with table and column names from the form
        cur.copy_expert(f"COPY (SELECT {', '.join(columns)} FROM {table}) TO STDOUT WITH CSV HEADER", buf)
    return Response(buf.getvalue(), mimetype="text/csv")


@app.route("/annotations", methods=["POST"])
def annotate():
    payload = request.get_json() or {}
    with conn.cursor() as cur:
        # expect: CWE-89 -- note text from JSON concatenated (day is bound)
        cur.execute("INSERT INTO annotations (day, note) VALUES (%s, '" + payload.get("note", "") + "')", (payload.get("day"),))
    conn.commit()
    return "", 201
