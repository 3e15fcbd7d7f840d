const Database = require('better-sqlite3');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notes (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT,
  tags TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_owner ON notes(owner);
`;

class NoteStore {
  constructor(file, opts = {}) {
    this.db = new Database(file, { verbose: opts.debug ? console.log : undefined });
    // ok: CWE-89
    this.db.pragma('journal_mode = WAL');
    // ok: CWE-89
    this.db.exec(SCHEMA);
    this.table = opts.table || 'notes';
    // ok: CWE-89
    this.insertStmt = this.db.prepare('INSERT INTO notes (owner, title, body, tags, updated_at) VALUES (@owner, @title, @body, @tags, @updatedAt)');
  }

  add(owner, note) {
    return this.insertStmt.run({ owner, title: note.title, body: note.body || '', tags: (note.tags || []).join(','), updatedAt: Date.now() }).lastInsertRowid;
  }

  get(owner, id) {
    // ok: CWE-89
    return this.db.prepare('SELECT * FROM notes WHERE owner = ? AND id = ?').get(owner, id);
  }

  list(owner, { order = 'updated_at', q } = {}) {
    const allowed = ['updated_at', 'title', 'id'];
    const col = allowed.includes(order) ? order : 'updated_at';
    if (q) {
      // ok: CWE-89 -- column allow-listed, search text bound
      return this.db.prepare(`SELECT id, title FROM notes WHERE owner = ? AND title LIKE ? ORDER BY ${col}`).all(owner, '%' + q + '%');
    }
    // ok: CWE-89
    return this.db.prepare(`SELECT id, title FROM notes WHERE owner = ? ORDER BY ${col}`).all(owner);
  }

  byTag(owner, tag) {
    // expect: CWE-89 -- tag in a LIKE pattern inside the SQL text
    return this.db.prepare(`SELECT id, title FROM notes WHERE owner = ? AND tags LIKE '%${tag}%'`).all(owner);
  }

  countAll() {
    // expect: CWE-89 -- table name comes from constructor options
    return this.db.prepare(`SELECT COUNT(*) AS n FROM ${this.table}`).get().n;
  }

  rename(owner, id, title) {
    const stmt = 'UPDATE notes SET title = \'' + title + '\', updated_at = ' + Date.now() + ' WHERE owner = ? AND id = ?';
    // expect: CWE-89
    return this.db.prepare(stmt).run(owner, id).changes;
  }

  importMany(owner, notes) {
    // ok: CWE-89
    const ins = this.db.prepare('INSERT INTO notes (owner, title, body, updated_at) VALUES (?, ?, ?, ?)');
    const tx = this.db.transaction((rows) => {
      for (const n of rows) ins.run(owner, n.title, n.body, Date.now());
    });
    tx(notes);
  }

  exportFields(owner, fields) {
    // expect: CWE-89 -- caller-chosen field names joined into the select list
    return this.db.prepare('SELECT ' + fields.join(', ') + ' FROM notes WHERE owner = ?').all(owner);
  }

  purgeOwner(owner) {
    // expect: CWE-89 -- exec with an interpolated owner
    this.db.exec(`DELETE FROM notes WHERE owner = '${owner}'`);
  }
}

module.exports = NoteStore;

if (require.main === module) {
  const store = new NoteStore(process.argv[2] || ':memory:');
  const id = store.add('me', { title: 'hello', tags: ['a', 'b'] });
  console.log(store.get('me', id), store.list('me', { order: process.argv[3] }));
}
