from flask import Blueprint, abort, current_app, jsonify, request
from flask_login import current_user, login_required
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

db = SQLAlchemy()
admin = Blueprint("admin", __name__, url_prefix="/admin")

EXPORTABLE = ["users", "orders", "tickets"]


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), unique=True)
    role = db.Column(db.String(32), default="user")
    banned = db.Column(db.Boolean, default=False)


@admin.before_request
@login_required
def require_admin():
    if current_user.role != "admin":
        abort(403)


@admin.get("/users")
def users():
    role = request.args.get("role")
    # ok: CWE-89 -- Flask-SQLAlchemy query API
    q = User.query.filter_by(role=role) if role else User.query
    return jsonify([u.email for u in q.limit(100)])


@admin.get("/users/lookup")
def lookup():
    email = request.args["email"]
    # expect: CWE-89
    row = db.session.execute(text("SELECT id, email, role FROM user WHERE email = '%s'" % email)).first()
    return jsonify(dict(row._mapping) if row else {})


@admin.get("/users/search")
def search_users():
    q = request.args.get("q", "")
    # expect: CWE-89 -- text() inside filter()
    found = User.query.filter(text(f"email LIKE '%{q}%'")).limit(50).all()
    return jsonify([u.email for u in found])


@admin.post("/users/<int:user_id>/ban")
def ban(user_id):
    reason = request.form.get("reason", "")
    # ok: CWE-89
    db.session.execute(text("UPDATE user SET banned = 1 WHERE id = :id"), {"id": user_id})
    # expect: CWE-89 -- reason pasted with +
    db.session.execute(text("INSERT INTO moderation_log (user_id, action, reason) VALUES (:id, 'ban', '" + reason + "')"), {"id": user_id})
    db.session.commit()
    return "", 204


@admin.get("/export/<table>")
def export(table):
    if table not in EXPORTABLE:
        abort(404)
    # ok: CWE-89 -- table checked against a constant list
    rows = db.session.execute(text(f"SELECT * FROM {table} LIMIT 10000")).mappings().all()
    return jsonify([dict(r) for r in rows])


@admin.get("/export-any/<table>")
def export_any(table):
    if table not in EXPORTABLE:
        current_app.logger.warning("exporting non-standard table %s", table)
    # expect: CWE-89 -- the check above only logs
    rows = db.session.execute(text(f"SELECT * FROM {table} LIMIT 10000")).mappings().all()
    return jsonify([dict(r) for r in rows])


@admin.get("/sql-console")
def console():
    stmt = request.args.get("q", "SELECT 1")
    with db.engine.connect() as conn:
        # expect: CWE-89 -- arbitrary SQL from the admin console
        result = conn.exec_driver_sql(stmt)
        return jsonify([list(r) for r in result])


@admin.get("/users/by-ids")
def by_ids():
    raw = request.args.get("ids", "")
    ids = [int(x) for x in raw.split(",") if x.strip()]
    id_list = ",".join(str(i) for i in ids)
    # ok: CWE-89 -- every id went through int()
    rows = db.session.execute(text(f"SELECT id, email FROM user WHERE id IN ({id_list})")).all() if ids else []
    return jsonify([list(r) for r in rows])


@admin.get("/users/by-emails")
def by_emails():
    emails = request.args.getlist("email")
    params = {f"e{i}": e for i, e in enumerate(emails)}
    placeholders = ", ".join(f":e{i}" for i in range(len(emails)))
    # ok: CWE-89 -- generated named placeholders
    rows = db.session.execute(text(f"SELECT id, email FROM user WHERE email IN ({placeholders})"), params).all()
    return jsonify([list(r) for r in rows])


@admin.post("/maintenance/analyze")
def analyze():
    # ok: CWE-89
    db.session.execute(text("ANALYZE"))
    return "", 204
