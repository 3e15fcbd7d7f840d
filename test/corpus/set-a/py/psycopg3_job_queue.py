import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

CONNINFO = "postgresql://worker@localhost/jobs"
JOB_TABLE = "jobs"


class JobQueue:
    def __init__(self, conninfo=CONNINFO):
        self.conn = psycopg.connect(conninfo, row_factory=dict_row, autocommit=True)

    def enqueue(self, kind, payload):
        # ok: CWE-89 -- psycopg 3 Connection.execute with params
        return self.conn.execute("INSERT INTO jobs (kind, payload) VALUES (%s, %s) RETURNING id", (kind, Jsonb(payload))).fetchone()["id"]

    def claim(self, worker):
        with self.conn.transaction():
            with self.conn.cursor() as cur:
                # ok: CWE-89 -- constant table name, worker bound by name
                cur.execute(f"UPDATE {JOB_TABLE} SET claimed_by = %(worker)s, claimed_at = now() WHERE id = (SELECT id FROM {JOB_TABLE} WHERE claimed_by IS NULL ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING *", {"worker": worker})
                return cur.fetchone()

    def by_kind(self, kind):
        with self.conn.cursor() as cur:
            # expect: CWE-89 -- kind parameter in an f-string
            cur.execute(f"SELECT * FROM {JOB_TABLE} WHERE kind = '{kind}' ORDER BY id")
            return cur.fetchall()

    def fail(self, job_id, error_message):
        # expect: CWE-89 -- error text concatenated (job_id is bound, the message is not)
        self.conn.execute("UPDATE jobs SET status = 'failed', error = '" + error_message + "' WHERE id = %s", (job_id,))

    def purge(self, older_than: str):
        # expect: CWE-89 -- interval string from the caller formatted in
        self.conn.execute("DELETE FROM jobs WHERE finished_at < now() - interval '{}'".format(older_than))

    def purge_bound(self, older_than: str):
        # ok: CWE-89 -- interval passed as a parameter and cast
        self.conn.execute("DELETE FROM jobs WHERE finished_at < now() - %s::interval", (older_than,))

    def stats(self, group_column):
        # ok: CWE-89 -- composed with sql.Identifier
        query = sql.SQL("SELECT {}, count(*) FROM {} GROUP BY 1").format(sql.Identifier(group_column), sql.Identifier(JOB_TABLE))
        with self.conn.cursor() as cur:
            # ok: CWE-89 -- executes the composed query
            cur.execute(query)
            return cur.fetchall()

    def export(self, kind):
        with self.conn.cursor() as cur:
            # expect: CWE-89 -- COPY statement text built from a parameter
            with cur.copy(f"COPY (SELECT * FROM jobs WHERE kind = '{kind}') TO STDOUT") as copy:
                return b"".join(bytes(chunk) for chunk in copy)

    def export_safe(self, kind):
        with self.conn.cursor() as cur:
            # ok: CWE-89 -- sql.SQL.format renders the plain value as an escaped literal
            with cur.copy(sql.SQL("COPY (SELECT * FROM jobs WHERE kind = {}) TO STDOUT").format(kind)) as copy:
                return b"".join(bytes(chunk) for chunk in copy)

    def close(self):
        self.conn.close()


if __name__ == "__main__":
    queue = JobQueue()
    job_id = queue.enqueue("email", {"to": "ops@example.com"})
    print("enqueued", job_id)
    queue.close()
