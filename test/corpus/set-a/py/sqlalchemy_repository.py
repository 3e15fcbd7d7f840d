from sqlalchemy import bindparam, create_engine, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from .models import User

engine = create_engine("postgresql+psycopg://app@localhost/shop", pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine)

ORDER_STATUSES = ("pending", "paid", "shipped", "cancelled")


class UserRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, user_id: int):
        # ok: CWE-89 -- Session.get by primary key
        return self.session.get(User, user_id)

    def by_email(self, email: str):
        # ok: CWE-89 -- select() with a bound comparison
        return self.session.execute(select(User).where(User.email == email)).scalar_one_or_none()

    def by_username(self, username: str):
        # expect: CWE-89 -- text() built by concatenation
        return self.session.execute(text("SELECT * FROM users WHERE username = '" + username + "'")).first()

    def by_username_bound(self, username: str):
        # ok: CWE-89 -- text() with a :username bind parameter
        return self.session.execute(text("SELECT * FROM users WHERE username = :username"), {"username": username}).first()

    def search(self, term: str, order_by: str = "created_at"):
        # expect: CWE-89 -- filter(text(f"...")) and order_by(text(...)) from parameters
        return self.session.query(User).filter(text(f"display_name ILIKE '%{term}%'")).order_by(text(order_by)).all()

    def search_orm(self, term: str):
        # ok: CWE-89 -- ORM ilike binds the pattern
        return self.session.query(User).filter(User.display_name.ilike(f"%{term}%")).order_by(User.created_at.desc()).all()

    def deactivate(self, user_ids: list):
        # ok: CWE-89 -- Core update with in_()
        self.session.execute(update(User).where(User.id.in_(user_ids)).values(active=False))


def orders_since(since):
    with engine.connect() as conn:
        # expect: CWE-89 -- f-string inside text(); text() does not parameterise by itself
        return conn.execute(text(f"SELECT id, total FROM orders WHERE created_at >= '{since}'")).all()


def order_notes(order_id, keyword):
    with SessionLocal() as session:
        # expect: CWE-89 -- keyword concatenated; order_id is a bind parameter but keyword is not
        return session.execute(text("SELECT body FROM order_notes WHERE order_id = :oid AND body LIKE '%" + keyword + "%'"), {"oid": order_id}).scalars().all()


def orders_by_status(status: str):
    if status not in ORDER_STATUSES:
        raise ValueError(f"unknown status {status!r}")
    with engine.connect() as conn:
        # ok: CWE-89 -- status validated against ORDER_STATUSES above
        return conn.execute(text(f"SELECT id, total FROM orders WHERE status = '{status}'")).all()


def orders_for_region(region: str, min_total):
    query = "SELECT id, total FROM orders WHERE region = '%s'" % region
    query += " AND total >= %s" % min_total
    with engine.connect() as conn:
        # expect: CWE-89 -- %-formatted string assembled over several statements
        return conn.execute(text(query)).all()


def monthly_report(year: int, month: int):
    with engine.connect() as conn:
        # ok: CWE-89 -- bindparams
        stmt = text("SELECT date_trunc('day', created_at) AS d, SUM(total) FROM orders WHERE extract(year FROM created_at) = :y AND extract(month FROM created_at) = :m GROUP BY 1").bindparams(y=year, m=month)
        # ok: CWE-89 -- executes the bound statement
        return conn.execute(stmt).all()


def rename_values(table: str, column: str, old: str, new: str):
    with engine.begin() as conn:
        # expect: CWE-89 -- identifiers and values from parameters via exec_driver_sql
        conn.exec_driver_sql(f"UPDATE {table} SET {column} = '{new}' WHERE {column} = '{old}'")


def vacuum_all():
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # ok: CWE-89 -- constant statement through exec_driver_sql
        conn.exec_driver_sql("VACUUM ANALYZE")


def order_lines(order_ids):
    with SessionLocal() as session:
        # expect: CWE-89 -- ids stringified and joined into the IN list (non-constant text)
        return session.execute(text("SELECT * FROM order_lines WHERE order_id IN (" + ",".join(str(i) for i in order_ids) + ")")).all()


def order_lines_bound(order_ids):
    with SessionLocal() as session:
        # ok: CWE-89 -- expanding bind parameter
        stmt = text("SELECT * FROM order_lines WHERE order_id IN :ids").bindparams(bindparam("ids", expanding=True))
        # ok: CWE-89 -- executes the bound statement with the list as a parameter
        return session.execute(stmt, {"ids": list(order_ids)}).all()
