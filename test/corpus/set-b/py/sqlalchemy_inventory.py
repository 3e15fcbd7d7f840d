"""Inventory repository on SQLAlchemy 2.x (Core + ORM)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Sequence

from sqlalchemy import bindparam, create_engine, func, literal_column, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

engine = create_engine(os.environ.get("INVENTORY_DB", "postgresql+psycopg2://localhost/inventory"), pool_pre_ping=True)
REPORT_TABLE = os.environ.get("REPORT_TABLE", "stock_report")


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str]
    name: Mapped[str]
    qty: Mapped[int]
    location: Mapped[str]


@dataclass
class StockFilter:
    location: str | None = None
    name_prefix: str | None = None
    order_by: str = "sku"


class InventoryRepo:
    def __init__(self, session: Session):
        self.session = session

    def get(self, item_id: int) -> Item | None:
        # ok: CWE-89 -- ORM
        return self.session.execute(select(Item).where(Item.id == item_id)).scalar_one_or_none()

    def by_sku(self, sku: str):
        # ok: CWE-89 -- text() with a bound parameter
        return self.session.execute(text("SELECT * FROM items WHERE sku = :sku"), {"sku": sku}).mappings().first()

    def by_location(self, location: str):
        # expect: CWE-89
        return self.session.execute(text(f"SELECT * FROM items WHERE location = '{location}'")).mappings().all()

    def search(self, f: StockFilter) -> Sequence[Item]:
        stmt = select(Item)
        if f.location:
            # ok: CWE-89
            stmt = stmt.where(Item.location == f.location)
        if f.name_prefix:
            # expect: CWE-89 -- text() fragment inside an ORM query
            stmt = stmt.where(text("name LIKE '" + f.name_prefix + "%'"))
        # expect: CWE-89 -- order_by(text(...)) with a caller-supplied column
        stmt = stmt.order_by(text(f.order_by))
        return self.session.scalars(stmt).all()

    def low_stock(self, threshold: int, locations: Iterable[str]):
        # ok: CWE-89 -- expanding bindparam for the IN list
        stmt = text("SELECT sku, qty FROM items WHERE qty < :t AND location IN :locs").bindparams(bindparam("locs", expanding=True))
        # ok: CWE-89
        return self.session.execute(stmt, {"t": threshold, "locs": list(locations)}).all()

    def totals(self, group_col: str):
        # expect: CWE-89 -- literal_column renders the string as SQL
        return self.session.execute(select(literal_column(group_col), func.sum(Item.qty)).group_by(literal_column(group_col))).all()

    def adjust(self, sku: str, delta: int, reason: str):
        # ok: CWE-89
        self.session.execute(text("UPDATE items SET qty = qty + :d WHERE sku = :s"), {"d": delta, "s": sku})
        # expect: CWE-89 -- reason formatted into the statement
        self.session.execute(text("INSERT INTO stock_moves (sku, delta, reason) VALUES (:s, :d, '%s')" % reason), {"s": sku, "d": delta})


def nightly_report():
    with engine.begin() as conn:
        # expect: CWE-89 -- table name from the environment
        conn.execute(text(f"TRUNCATE {REPORT_TABLE}"))
        # ok: CWE-89
        conn.execute(text("INSERT INTO stock_report (location, total) SELECT location, sum(qty) FROM items GROUP BY location"))


def location_totals():
    region = os.environ.get("INVENTORY_REGION", "eu")
    with engine.connect() as conn:
        # expect: CWE-89 -- environment value concatenated into text()
        return conn.execute(text("SELECT location, sum(qty) FROM items WHERE region = '" + region + "' GROUP BY location")).all()


def export_location(location: str):
    with engine.connect() as conn:
        # ok: CWE-89 -- exec_driver_sql with DBAPI-style params
        rows = conn.exec_driver_sql("SELECT sku, qty FROM items WHERE location = %(loc)s", {"loc": location}).all()
        # expect: CWE-89 -- exec_driver_sql with an f-string
        conn.exec_driver_sql(f"NOTIFY exports, 'exported {location}'")
    return rows


def purge(skus: list[str]):
    with Session(engine) as session, session.begin():
        # ok: CWE-89 -- ORM bulk delete
        session.query(Item).filter(Item.sku.in_(skus)).delete(synchronize_session=False)


def purge_legacy(skus: list[str]):
    with Session(engine) as session, session.begin():
        # expect: CWE-89 -- filter(text(...)) with joined values
        session.query(Item).filter(text("sku IN ('%s')" % "','".join(skus))).delete(synchronize_session=False)
