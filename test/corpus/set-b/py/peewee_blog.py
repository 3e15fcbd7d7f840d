import datetime

from bottle import Bottle, request, response
from peewee import SQL, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, PostgresqlDatabase, TextField, fn

db = PostgresqlDatabase("blog", user="blog", host="localhost")
app = Bottle()


class BaseModel(Model):
    class Meta:
        database = db


class Author(BaseModel):
    handle = CharField(unique=True)
    bio = TextField(null=True)


class Entry(BaseModel):
    author = ForeignKeyField(Author, backref="entries")
    title = CharField()
    body = TextField()
    views = IntegerField(default=0)
    published = DateTimeField(default=datetime.datetime.now)


@app.get("/entries")
def entries():
    q = request.query.get("q", "")
    # ok: CWE-89 -- peewee expression API
    rows = Entry.select().where(Entry.title.contains(q)).order_by(Entry.published.desc()).limit(20)
    return {"entries": [e.title for e in rows]}


@app.get("/entries/raw")
def entries_raw():
    handle = request.query.get("author", "")
    # ok: CWE-89 -- Model.raw with params
    rows = Entry.raw("SELECT e.* FROM entry e JOIN author a ON a.id = e.author_id WHERE a.handle = %s", handle)
    return {"entries": [e.title for e in rows]}


@app.get("/entries/raw-legacy")
def entries_raw_legacy():
    handle = request.query.get("author", "")
    # expect: CWE-89
    rows = Entry.raw("SELECT e.* FROM entry e JOIN author a ON a.id = e.author_id WHERE a.handle = '" + handle + "'")
    return {"entries": [e.title for e in rows]}


@app.get("/entries/popular")
def popular():
    min_views = request.query.get("min", "100")
    # expect: CWE-89 -- SQL() fragment with request text
    rows = Entry.select().where(SQL("views > " + min_views)).limit(10)
    return {"entries": [e.title for e in rows]}


@app.get("/entries/popular-safe")
def popular_safe():
    min_views = request.query.get("min", "100")
    # ok: CWE-89 -- SQL() fragment with params
    rows = Entry.select().where(SQL("views > %s", [int(min_views)])).limit(10)
    return {"entries": [e.title for e in rows]}


@app.post("/entries/<entry_id:int>/view")
def count_view(entry_id):
    # ok: CWE-89 -- execute_sql with params
    db.execute_sql("UPDATE entry SET views = views + 1 WHERE id = %s", (entry_id,))
    response.status = 204


@app.get("/stats/monthly")
def monthly():
    year = request.query.get("year", str(datetime.date.today().year))
    # expect: CWE-89
    cursor = db.execute_sql(f"SELECT date_trunc('month', published) m, count(*) FROM entry WHERE extract(year from published) = {year} GROUP BY 1 ORDER BY 1")
    return {"rows": [[str(m), n] for m, n in cursor.fetchall()]}


def _date_clause(start, end):
    return "published BETWEEN '%s' AND '%s'" % (start, end)


def _archive_query(start, end):
    return "SELECT title FROM entry WHERE " + _date_clause(start, end) + " ORDER BY published"


@app.get("/archive")
def archive():
    sql_text = _archive_query(request.query.get("from", "2000-01-01"), request.query.get("to", "2100-01-01"))
    # expect: CWE-89 -- query string values pass through two helpers before reaching execute_sql
    cursor = db.execute_sql(sql_text)
    return {"titles": [r[0] for r in cursor.fetchall()]}


@app.get("/authors/top")
def top_authors():
    # ok: CWE-89
    rows = Author.select(Author.handle, fn.SUM(Entry.views).alias("v")).join(Entry).group_by(Author.handle).order_by(SQL("v").desc()).limit(5)
    return {"authors": [(a.handle, a.v) for a in rows]}


@app.get("/authors/<handle>/entries")
def author_entries(handle):
    # expect: CWE-89 -- route segment via str.format into Model.raw
    rows = Entry.raw("SELECT e.* FROM entry e JOIN author a ON a.id = e.author_id WHERE a.handle = '{}'".format(handle))
    return {"entries": [e.title for e in rows]}


@app.post("/authors/<handle>/bio")
def set_bio(handle):
    bio = request.json.get("bio", "")
    # expect: CWE-89 -- both values pasted
    db.execute_sql("UPDATE author SET bio = '%s' WHERE handle = '%s'" % (bio, handle))
    return {"ok": True}


if __name__ == "__main__":
    db.connect()
    db.create_tables([Author, Entry])
    app.run(port=8081)
