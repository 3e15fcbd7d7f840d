from __future__ import annotations

import os
from contextlib import asynccontextmanager
from typing import Literal, Optional

import asyncpg
from fastapi import Depends, FastAPI, Header, HTTPException, Query
from pydantic import BaseModel

DB_DSN = os.environ["DATABASE_URL"]
ARCHIVE_SCHEMA = os.environ.get("ARCHIVE_SCHEMA", "archive")


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool(DB_DSN, min_size=1, max_size=10)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


async def conn():
    async with app.state.pool.acquire() as c:
        yield c


class DeviceIn(BaseModel):
    serial: str
    model: str
    site: str


@app.get("/devices/{device_id}")
async def get_device(device_id: int, c: asyncpg.Connection = Depends(conn)):
    # ok: CWE-89
    row = await c.fetchrow("SELECT * FROM devices WHERE id = $1", device_id)
    if not row:
        raise HTTPException(404)
    return dict(row)


@app.get("/devices")
async def list_devices(
    site: Optional[str] = None,
    sort: Literal["serial", "model", "last_seen"] = "serial",
    c: asyncpg.Connection = Depends(conn),
):
    # ok: CWE-89 -- sort is validated by FastAPI against the Literal values
    rows = await c.fetch(f"SELECT * FROM devices WHERE ($1::text IS NULL OR site = $1) ORDER BY {sort}", site)
    return [dict(r) for r in rows]


@app.get("/devices/by-model/{model}")
async def by_model(model: str, c: asyncpg.Connection = Depends(conn)):
    # expect: CWE-89
    rows = await c.fetch(f"SELECT id, serial FROM devices WHERE model = '{model}'")
    return [dict(r) for r in rows]


@app.get("/devices/count")
async def count_devices(prefix: str = "", c: asyncpg.Connection = Depends(conn)):
    # expect: CWE-89
    n = await c.fetchval("SELECT count(*) FROM devices WHERE serial LIKE '" + prefix + "%'")
    return {"count": n}


@app.get("/tenant/devices")
async def tenant_devices(x_tenant: str = Header(...), c: asyncpg.Connection = Depends(conn)):
    # expect: CWE-89 -- tenant schema from a request header
    rows = await c.fetch(f"SELECT id, serial FROM {x_tenant}.devices ORDER BY id")
    return [dict(r) for r in rows]


@app.post("/devices", status_code=201)
async def add_device(d: DeviceIn, c: asyncpg.Connection = Depends(conn)):
    # ok: CWE-89
    new_id = await c.fetchval("INSERT INTO devices (serial, model, site) VALUES ($1, $2, $3) RETURNING id", d.serial, d.model, d.site)
    return {"id": new_id}


@app.get("/metrics/{device_id}")
async def metrics(device_id: int, metric: str = Query(...), hours: int = 24, c: asyncpg.Connection = Depends(conn)):
    # expect: CWE-89 -- metric name is a free-form string used as a column
    rows = await c.fetch("SELECT ts, " + metric + " FROM readings WHERE device_id = $1 AND ts > now() - make_interval(hours => $2) ORDER BY ts", device_id, hours)
    return [dict(r) for r in rows]


@app.get("/metrics/{device_id}/window")
async def metrics_window(device_id: int, hours: int = 24, c: asyncpg.Connection = Depends(conn)):
    # ok: CWE-89 -- hours is an int-typed FastAPI parameter, validated before the handler runs
    rows = await c.fetch(f"SELECT ts, temperature FROM readings WHERE device_id = $1 AND ts > now() - interval '{int(hours)} hours'", device_id)
    return [dict(r) for r in rows]


@app.post("/readings/bulk")
async def bulk_readings(readings: list[dict], c: asyncpg.Connection = Depends(conn)):
    records = [(r["device_id"], r["ts"], r["temperature"]) for r in readings]
    # ok: CWE-89 -- COPY protocol, no SQL text
    await c.copy_records_to_table("readings", records=records, columns=["device_id", "ts", "temperature"])
    # ok: CWE-89
    await c.executemany("UPDATE devices SET last_seen = $2 WHERE id = $1", [(r[0], r[1]) for r in records])
    return {"inserted": len(records)}


@app.post("/admin/archive/{year}")
async def archive_year(year: str, c: asyncpg.Connection = Depends(conn)):
    async with c.transaction():
        # expect: CWE-89 -- schema from env and year from the path, both pasted
        await c.execute(f"CREATE TABLE IF NOT EXISTS {ARCHIVE_SCHEMA}.readings_{year} AS SELECT * FROM readings WHERE extract(year FROM ts) = {year}")
        # expect: CWE-89
        await c.execute("DELETE FROM readings WHERE extract(year FROM ts) = " + year)
    return {"archived": year}


@app.get("/sites/{site}/summary")
async def site_summary(site: str, c: asyncpg.Connection = Depends(conn)):
    # ok: CWE-89
    stmt = await c.prepare("SELECT model, count(*) FROM devices WHERE site = $1 GROUP BY model")
    rows = await stmt.fetch(site)
    return {r["model"]: r["count"] for r in rows}


def _site_filter(sites: list[str]) -> str:
    quoted = ", ".join("'%s'" % s for s in sites)
    return f"site IN ({quoted})"


@app.get("/sites/compare")
async def compare_sites(s: list[str] = Query(...), c: asyncpg.Connection = Depends(conn)):
    where = _site_filter(s)
    # expect: CWE-89 -- WHERE clause assembled in a helper from query values
    rows = await c.fetch("SELECT site, count(*) FROM devices WHERE " + where + " GROUP BY site")
    return [dict(r) for r in rows]


@app.get("/sites/compare-safe")
async def compare_sites_safe(s: list[str] = Query(...), c: asyncpg.Connection = Depends(conn)):
    # ok: CWE-89 -- array parameter
    rows = await c.fetch("SELECT site, count(*) FROM devices WHERE site = ANY($1::text[]) GROUP BY site", s)
    return [dict(r) for r in rows]
