import asyncio
import os

import aiosqlite
import discord
from discord.ext import commands

DB_PATH = os.getenv("BOT_DB", "bot.sqlite3")

intents = discord.Intents.default()
intents.message_content = True
bot = commands.Bot(command_prefix="!", intents=intents)


async def setup_db():
    async with aiosqlite.connect(DB_PATH) as db:
        # ok: CWE-89
        await db.executescript("""
            CREATE TABLE IF NOT EXISTS xp (guild INTEGER, member INTEGER, points INTEGER DEFAULT 0, PRIMARY KEY (guild, member));
            CREATE TABLE IF NOT EXISTS quotes (id INTEGER PRIMARY KEY, guild INTEGER, author TEXT, text TEXT);
            CREATE TABLE IF NOT EXISTS prefixes (guild INTEGER PRIMARY KEY, prefix TEXT);
        """)
        await db.commit()


@bot.event
async def on_message(message: discord.Message):
    if message.author.bot or not message.guild:
        return
    async with aiosqlite.connect(DB_PATH) as db:
        # ok: CWE-89
        await db.execute("INSERT INTO xp (guild, member, points) VALUES (?, ?, 1) "
                         "ON CONFLICT(guild, member) DO UPDATE SET points = points + 1",
                         (message.guild.id, message.author.id))
        await db.commit()
    await bot.process_commands(message)


@bot.command()
async def quote(ctx: commands.Context, *, text: str):
    async with aiosqlite.connect(DB_PATH) as db:
        # expect: CWE-89 -- message text straight into the insert
        await db.execute(f"INSERT INTO quotes (guild, author, text) VALUES ({ctx.guild.id}, '{ctx.author.name}', '{text}')")
        await db.commit()
    await ctx.send("saved!")


@bot.command()
async def quotes(ctx: commands.Context, author: str):
    async with aiosqlite.connect(DB_PATH) as db:
        # ok: CWE-89
        async with db.execute("SELECT text FROM quotes WHERE guild = ? AND author = ? LIMIT 5", (ctx.guild.id, author)) as cur:
            rows = await cur.fetchall()
    await ctx.send("\n".join(r[0] for r in rows) or "nothing yet")


@bot.command()
async def findquote(ctx: commands.Context, *, needle: str):
    async with aiosqlite.connect(DB_PATH) as db:
        # expect: CWE-89
        async with db.execute("SELECT id, text FROM quotes WHERE text LIKE '%" + needle + "%'") as cur:
            rows = await cur.fetchall()
    await ctx.send("\n".join(f"#{i}: {t}" for i, t in rows[:5]) or "no match")


@bot.command()
async def top(ctx: commands.Context, n: int = 10):
    async with aiosqlite.connect(DB_PATH) as db:
        # ok: CWE-89 -- discord.py converts n to int via the annotation; LIMIT also bound
        cur = await db.execute("SELECT member, points FROM xp WHERE guild = ? ORDER BY points DESC LIMIT ?", (ctx.guild.id, n))
        rows = await cur.fetchall()
    await ctx.send("\n".join(f"<@{m}> {p}" for m, p in rows))


@bot.command()
async def leaderboard(ctx: commands.Context, order: str = "points"):
    async with aiosqlite.connect(DB_PATH) as db:
        # expect: CWE-89 -- ORDER BY from the command argument
        cur = await db.execute("SELECT member, points FROM xp WHERE guild = ? ORDER BY " + order + " DESC LIMIT 10", (ctx.guild.id,))
        rows = await cur.fetchall()
    await ctx.send("\n".join(f"<@{m}> {p}" for m, p in rows))


@bot.command()
@commands.has_permissions(administrator=True)
async def delquote(ctx: commands.Context, quote_id: str):
    async with aiosqlite.connect(DB_PATH) as db:
        # expect: CWE-89 -- str-typed argument
        await db.execute("DELETE FROM quotes WHERE id = %s AND guild = %s" % (quote_id, ctx.guild.id))
        await db.commit()
    await ctx.send("deleted")


@bot.command()
@commands.has_permissions(administrator=True)
async def setprefix(ctx: commands.Context, prefix: str):
    async with aiosqlite.connect(DB_PATH) as db:
        # ok: CWE-89
        await db.execute("INSERT OR REPLACE INTO prefixes (guild, prefix) VALUES (?, ?)", (ctx.guild.id, prefix[:3]))
        await db.commit()
    await ctx.send(f"prefix is now {prefix[:3]}")


@bot.command()
@commands.is_owner()
async def wipe(ctx: commands.Context, table: str):
    if table not in {"xp", "quotes", "prefixes"}:
        return await ctx.send("unknown table")
    async with aiosqlite.connect(DB_PATH) as db:
        # ok: CWE-89 -- membership check against a literal set
        await db.execute(f"DELETE FROM {table} WHERE guild = ?", (ctx.guild.id,))
        await db.commit()
    await ctx.send(f"wiped {table}")


if __name__ == "__main__":
    asyncio.run(setup_db())
    bot.run(os.environ["DISCORD_TOKEN"])
