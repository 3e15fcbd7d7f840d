"""Storage for a chat bot; message text and usernames come from chat users."""

import aiosqlite

DB_PATH = "bot.db"


class Storage:
    def __init__(self, path=DB_PATH):
        self.path = path

    async def init(self):
        async with aiosqlite.connect(self.path) as db:
            # ok: CWE-89 -- constant script
            await db.executescript("""
                CREATE TABLE IF NOT EXISTS users (chat_id INTEGER PRIMARY KEY, username TEXT, lang TEXT);
                CREATE TABLE IF NOT EXISTS reminders (id INTEGER PRIMARY KEY, chat_id INTEGER, text TEXT, due TEXT);
            """)
            await db.commit()

    async def upsert_user(self, chat_id: int, username: str, lang: str):
        async with aiosqlite.connect(self.path) as db:
            # expect: CWE-89 -- username and language come from the chat platform (user-controlled)
            await db.execute(f"INSERT OR REPLACE INTO users (chat_id, username, lang) VALUES ({chat_id}, '{username}', '{lang}')")
            await db.commit()

    async def add_reminder(self, chat_id: int, text: str, due: str):
        async with aiosqlite.connect(self.path) as db:
            # ok: CWE-89 -- placeholders
            await db.execute("INSERT INTO reminders (chat_id, text, due) VALUES (?, ?, ?)", (chat_id, text, due))
            await db.commit()

    async def find_reminders(self, chat_id: int, keyword: str):
        async with aiosqlite.connect(self.path) as db:
            # expect: CWE-89 -- keyword from the message text concatenated (chat_id is bound)
            async with db.execute("SELECT id, text, due FROM reminders WHERE chat_id = ? AND text LIKE '%" + keyword + "%'", (chat_id,)) as cursor:
                return await cursor.fetchall()

    async def delete_reminders(self, chat_id: int, ids: str):
        async with aiosqlite.connect(self.path) as db:
            # expect: CWE-89 -- ids string from the command arguments placed in IN (...)
            await db.execute("DELETE FROM reminders WHERE chat_id = %d AND id IN (%s)" % (chat_id, ids))
            await db.commit()

    async def users_by_lang(self, lang: str):
        async with aiosqlite.connect(self.path) as db:
            # expect: CWE-89 -- str.format with a parameter
            cursor = await db.execute("SELECT chat_id FROM users WHERE lang = '{}'".format(lang))
            return [row[0] for row in await cursor.fetchall()]


async def handle_message(storage: Storage, chat_id: int, username: str, message: str):
    await storage.upsert_user(chat_id, username, "en")
    command, _, args = message.partition(" ")
    if command == "/find":
        return await storage.find_reminders(chat_id, args)
    if command == "/delete":
        return await storage.delete_reminders(chat_id, args)
    if command == "/remind":
        due, _, text = args.partition(" ")
        return await storage.add_reminder(chat_id, text, due)
    if command == "/broadcast":
        return await storage.users_by_lang(args or "en")
    return None
