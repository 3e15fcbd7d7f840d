from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://app@localhost/events"
db = SQLAlchemy(app)


class Event(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(80), unique=True)
    name = db.Column(db.String(120))
    city = db.Column(db.String(80))
    starts_at = db.Column(db.DateTime)


def serialize(event):
    return {"id": event.id, "slug": event.slug, "name": event.name, "city": event.city}


@app.get("/events")
def events():
    city = request.args.get("city", "Amsterdam")
    # ok: CWE-89 -- filter_by binds values
    items = Event.query.filter_by(city=city).order_by(Event.starts_at).limit(50).all()
    return jsonify([serialize(e) for e in items])


@app.get("/events/raw")
def events_raw():
    city = request.args.get("city", "")
    # expect: CWE-89 -- text() with % formatting of request.args
    rows = db.session.execute(text("SELECT id, name FROM event WHERE city = '%s'" % city)).all()
    return jsonify([dict(r._mapping) for r in rows])


@app.get("/events/near")
def near():
    try:
        lat = float(request.args["lat"])
        lng = float(request.args["lng"])
    except (KeyError, ValueError):
        abort(400)
    # ok: CWE-89 -- coordinates converted with float() before formatting
    rows = db.session.execute(text(f"SELECT id, name FROM event ORDER BY location <-> point({lng}, {lat}) LIMIT 10")).all()
    return jsonify([dict(r._mapping) for r in rows])


@app.post("/events/<int:event_id>/rsvp")
def rsvp(event_id):
    data = request.get_json() or {}
    if not data.get("email"):
        abort(400)
    # ok: CWE-89 -- bound parameters
    db.session.execute(text("INSERT INTO rsvp (event_id, email) VALUES (:e, :m)"), {"e": event_id, "m": data["email"]})
    db.session.commit()
    return "", 201


@app.get("/events/<int:event_id>/attendees")
def attendees(event_id):
    order = request.args.get("order", "email")
    # expect: CWE-89 -- ORDER BY text from request.args (event_id is bound)
    emails = db.session.execute(text("SELECT email FROM rsvp WHERE event_id = :e ORDER BY " + order), {"e": event_id}).scalars().all()
    return jsonify(emails)


@app.get("/events/search")
def search():
    term = request.args.get("q", "")
    # ok: CWE-89 -- ORM ilike binds the pattern
    items = Event.query.filter(Event.name.ilike(f"%{term}%")).all()
    return jsonify([serialize(e) for e in items])


@app.delete("/events/<slug>")
def delete_event(slug):
    # expect: CWE-89 -- plain SQL string built with + passed to session.execute (SQLAlchemy 1.x style)
    db.session.execute("DELETE FROM event WHERE slug = '" + slug + "'")
    db.session.commit()
    return "", 204


@app.get("/tenant/events")
def tenant_events():
    tenant = request.headers.get("X-Tenant", "public")
    # expect: CWE-89 -- header value used as a schema name
    db.session.execute(text(f"SET search_path TO {tenant}"))
    # ok: CWE-89 -- ORM query
    items = Event.query.order_by(Event.starts_at.desc()).limit(20).all()
    return jsonify([serialize(e) for e in items])
