from datetime import datetime
from typing import List, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import DateTime, String, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

engine = create_async_engine("postgresql+asyncpg://app@localhost/users")
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
router = APIRouter(prefix="/users", tags=["users"])


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    role: Mapped[str] = mapped_column(String(32), default="member")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.utcnow)


async def get_session():
    async with SessionLocal() as session:
        yield session


@router.get("/{user_id}")
async def get_user(user_id: int, session: AsyncSession = Depends(get_session)):
    # ok: CWE-89 -- user_id is an int path parameter validated by FastAPI
    result = await session.execute(text(f"SELECT id, email FROM users WHERE id = {user_id}"))
    row = result.first()
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)


@router.get("/by-email/{email}")
async def by_email(email: str, session: AsyncSession = Depends(get_session)):
    # expect: CWE-89 -- str path parameter in text()
    result = await session.execute(text(f"SELECT id, email FROM users WHERE email = '{email}'"))
    row = result.first()
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)


@router.get("/")
async def list_users(role: Optional[str] = None, sort: Literal["email", "created_at"] = "created_at", session: AsyncSession = Depends(get_session)):
    # ok: CWE-89 -- sort is a Literal[...] validated by FastAPI; role is bound
    result = await session.execute(text(f"SELECT id, email FROM users WHERE (:role IS NULL OR role = :role) ORDER BY {sort}"), {"role": role})
    return [dict(r._mapping) for r in result]


@router.get("/search/")
async def search(q: str, session: AsyncSession = Depends(get_session)):
    # ok: CWE-89 -- select() with ilike binds the pattern
    result = await session.execute(select(User).where(User.email.ilike(f"%{q}%")).limit(50))
    return [{"id": u.id, "email": u.email} for u in result.scalars()]


@router.post("/{user_id}/tags")
async def add_tags(user_id: int, tags: List[str], session: AsyncSession = Depends(get_session)):
    if not tags:
        return {"added": 0}
    values = ", ".join(f"({user_id}, '{t}')" for t in tags)
    # expect: CWE-89 -- tag strings from the request body pasted into the VALUES list
    await session.execute(text(f"INSERT INTO user_tags (user_id, tag) VALUES {values}"))
    await session.commit()
    return {"added": len(tags)}


@router.get("/stats/{column}")
async def stats(column: str, session: AsyncSession = Depends(get_session)):
    # expect: CWE-89 -- column name from the path used as an identifier
    result = await session.execute(text(f"SELECT {column}, COUNT(*) AS n FROM users GROUP BY {column}"))
    return [dict(r._mapping) for r in result]


@router.delete("/inactive")
async def delete_inactive(days: int = 365, session: AsyncSession = Depends(get_session)):
    # ok: CWE-89 -- bound parameter via bindparams
    result = await session.execute(text("DELETE FROM users WHERE last_login < now() - make_interval(days => :d)").bindparams(d=days))
    await session.commit()
    return {"deleted": result.rowcount}


@router.patch("/{user_id}/role")
async def set_role(user_id: int, role: str, session: AsyncSession = Depends(get_session)):
    # expect: CWE-89 -- role (a str query parameter) concatenated
    await session.execute(text("UPDATE users SET role = '" + role + "' WHERE id = " + str(user_id)))
    await session.commit()
    return {"ok": True}
