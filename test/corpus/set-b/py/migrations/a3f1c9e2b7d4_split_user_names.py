"""split user names

Revision ID: a3f1c9e2b7d4
Revises: 5e0d2b11c8aa
Create Date: 2024-03-18 10:42:11.512093

"""
import os

import sqlalchemy as sa
from alembic import context, op

revision = "a3f1c9e2b7d4"
down_revision = "5e0d2b11c8aa"
branch_labels = None
depends_on = None

TENANT_TABLES = ("users", "staff")


def upgrade():
    for table in TENANT_TABLES:
        op.add_column(table, sa.Column("first_name", sa.String(120), nullable=True))
        op.add_column(table, sa.Column("last_name", sa.String(120), nullable=True))
        # ok: CWE-89 -- table from a module-level tuple of literals
        op.execute(f"UPDATE {table} SET first_name = split_part(full_name, ' ', 1), last_name = substr(full_name, strpos(full_name, ' ') + 1)")

    # ok: CWE-89
    op.execute("CREATE INDEX IF NOT EXISTS ix_users_last_name ON users (lower(last_name))")

    conn = op.get_bind()
    # ok: CWE-89
    rows = conn.execute(sa.text("SELECT id, full_name FROM users WHERE full_name NOT LIKE '% %'")).fetchall()
    for row in rows:
        # ok: CWE-89 -- bound parameters
        conn.execute(sa.text("UPDATE users SET first_name = :n, last_name = '' WHERE id = :id"), {"n": row.full_name, "id": row.id})

    tenant_schema = context.get_x_argument(as_dictionary=True).get("schema") or os.environ.get("TENANT_SCHEMA", "public")
    # expect: CWE-89 -- schema from `alembic -x schema=...` or the environment
    op.execute(f"ALTER TABLE {tenant_schema}.users ALTER COLUMN first_name SET NOT NULL")

    # ok: CWE-89
    for row in conn.execute(sa.text("SELECT DISTINCT role FROM users")):
        # expect: CWE-89 -- role names read from the table are pasted into DDL
        op.execute("CREATE ROLE " + row.role + " NOLOGIN")


    readonly = os.environ["READONLY_ROLE"]
    # expect: CWE-89 -- role name from the environment
    op.execute("GRANT SELECT (first_name, last_name) ON users TO " + readonly)


def downgrade():
    # ok: CWE-89
    op.execute("DROP INDEX IF EXISTS ix_users_last_name")
    for table in TENANT_TABLES:
        op.drop_column(table, "last_name")
        op.drop_column(table, "first_name")
