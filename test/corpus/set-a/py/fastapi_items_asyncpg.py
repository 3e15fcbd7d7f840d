from typing import List, Optional

import asyncpg
from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel

app = FastAPI(title="inventory")
pool: Optional[asyncpg.Pool] = None
ITEM_FIELDS = "id, name, price, stock"


class PriceUpdate(BaseModel):
    sku: str
    price: float


@app.on_event("startup")
async def startup() -> None:
    global pool
    pool = await asyncpg.create_pool(dsn="postgresql://app@localhost/shop", min_size=1, max_size=10)


@app.on_event("shutdown")
async def shutdown() -> None:
    await pool.close()


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    # ok: CWE-89 -- item_id is validated as int by FastAPI before the handler runs
    row = await pool.fetchrow(f"SELECT {ITEM_FIELDS} FROM items WHERE id = {item_id}")
    if row is None:
        raise HTTPException(status_code=404, detail="item not found")
    return dict(row)


@app.get("/items/by-name/{name}")
async def item_by_name(name: str):
    # expect: CWE-89 -- str path parameter in an f-string
    row = await pool.fetchrow(f"SELECT {ITEM_FIELDS} FROM items WHERE name = '{name}'")
    if row is None:
        raise HTTPException(status_code=404, detail="item not found")
    return dict(row)


@app.get("/items")
async def list_items(category: Optional[str] = None, limit: int = Query(20, le=100), offset: int = 0):
    if category:
        # ok: CWE-89 -- $1 placeholder; limit and offset are ints
        rows = await pool.fetch(f"SELECT {ITEM_FIELDS} FROM items WHERE category = $1 ORDER BY id LIMIT {limit} OFFSET {offset}", category)
    else:
        # ok: CWE-89 -- only int parameters are formatted in
        rows = await pool.fetch(f"SELECT {ITEM_FIELDS} FROM items ORDER BY id LIMIT {limit} OFFSET {offset}")
    return [dict(r) for r in rows]


@app.get("/items-search")
async def search_items(q: str = Query(..., min_length=2), sort: str = "name"):
    # expect: CWE-89 -- q and sort are arbitrary strings
    rows = await pool.fetch("SELECT id, name FROM items WHERE name ILIKE '%" + q + "%' ORDER BY " + sort)
    return [dict(r) for r in rows]


@app.post("/items/{item_id}/stock")
async def adjust_stock(item_id: int, delta: int, reason: str):
    async with pool.acquire() as conn:
        async with conn.transaction():
            # ok: CWE-89 -- positional parameters
            await conn.execute("UPDATE items SET stock = stock + $1 WHERE id = $2", delta, item_id)
            # expect: CWE-89 -- reason (a str query parameter) interpolated
            await conn.execute(f"INSERT INTO stock_log (item_id, delta, reason) VALUES ({item_id}, {delta}, '{reason}')")
    return {"ok": True}


@app.put("/prices")
async def update_prices(updates: List[PriceUpdate]):
    # ok: CWE-89 -- executemany with placeholders
    await pool.executemany("UPDATE items SET price = $1 WHERE sku = $2", [(u.price, u.sku) for u in updates])
    return {"updated": len(updates)}


@app.delete("/items")
async def delete_items(sku: str):
    # expect: CWE-89 -- str query parameter concatenated
    status = await pool.execute("DELETE FROM items WHERE sku = '" + sku + "'")
    return {"status": status}


@app.get("/categories/{category}/items")
async def items_in_category(category: str, min_stock: int = 0):
    # expect: CWE-89 -- category (str) in an f-string; min_stock is an int but category is not
    rows = await pool.fetch(f"SELECT {ITEM_FIELDS} FROM items WHERE category = '{category}' AND stock >= {min_stock}")
    return [dict(r) for r in rows]


@app.get("/items/{item_id}/price")
async def item_price(item_id: int):
    # ok: CWE-89 -- $1 placeholder
    price = await pool.fetchval("SELECT price FROM items WHERE id = $1", item_id)
    return {"price": price}
