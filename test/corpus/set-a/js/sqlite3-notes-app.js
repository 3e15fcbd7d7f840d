const path = require('path');
const express = require('express');
const sqlite3 = require('sqlite3').verbose();

const db = new sqlite3.Database(path.join(__dirname, 'notes.db'));

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  body TEXT,
  owner TEXT NOT NULL,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS tags (
  note_id INTEGER NOT NULL REFERENCES notes(id),
  name TEXT NOT NULL
);
`;

db.serialize(() => {
  // ok: CWE-89 -- constant schema
  db.exec(SCHEMA);
});

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(express.json());

function parseMention(text) {
  // ok: CWE-89 -- RegExp.prototype.exec, not a database call
  const match = /@([a-z0-9_]+)/i.exec(text || '');
  return match ? match[1] : null;
}

app.get('/notes/:id', (req, res) => {
  // ok: CWE-89 -- ? placeholder
  db.get('SELECT * FROM notes WHERE id = ?', [req.params.id], (err, row) => {
    if (err) return res.status(500).end();
    if (!row) return res.status(404).end();
    return res.json({ ...row, mention: parseMention(row.body) });
  });
});

app.get('/notes', (req, res) => {
  // expect: CWE-89 -- owner from the query string interpolated
  db.all(`SELECT id, title FROM notes WHERE owner = '${req.query.owner}' ORDER BY updated_at DESC`, (err, rows) => {
    if (err) return res.status(500).end();
    return res.json(rows);
  });
});

app.get('/notes/page/:n', (req, res) => {
  const page = Number.parseInt(req.params.n, 10) || 1;
  // ok: CWE-89 -- page parsed to an integer before concatenation
  db.all('SELECT id, title FROM notes ORDER BY id LIMIT 20 OFFSET ' + (page - 1) * 20, (err, rows) => {
    if (err) return res.status(500).end();
    return res.json(rows);
  });
});

app.post('/notes', (req, res) => {
  const { title, body } = req.body;
  if (!title) return res.status(400).json({ error: 'title required' });
  // ok: CWE-89 -- named parameters
  db.run('INSERT INTO notes (title, body, owner) VALUES ($title, $body, $owner)', { $title: title, $body: body, $owner: req.user.name }, function onInsert(err) {
    if (err) return res.status(500).end();
    return res.status(201).json({ id: this.lastID });
  });
});

app.post('/notes/:id/rename', (req, res) => {
  // expect: CWE-89 -- form field and path param concatenated into UPDATE
  db.run("UPDATE notes SET title = '" + req.body.title + "' WHERE id = " + req.params.id, (err) => {
    if (err) return res.status(500).end();
    return res.status(204).end();
  });
});

app.get('/notes/export.csv', (req, res) => {
  res.type('text/csv');
  // expect: CWE-89 -- tag filter from the query string concatenated
  db.each('SELECT n.id, n.title FROM notes n JOIN tags t ON t.note_id = n.id WHERE t.name = "' + req.query.tag + '"', (err, row) => {
    if (!err) res.write(`${row.id},${JSON.stringify(row.title)}\n`);
  }, () => res.end());
});

app.post('/notes/:id/tags', (req, res) => {
  const tags = String(req.body.tags || '').split(',').map((t) => t.trim()).filter(Boolean);
  // ok: CWE-89 -- prepared statement with placeholders
  const stmt = db.prepare('INSERT INTO tags (note_id, name) VALUES (?, ?)');
  for (const tag of tags) {
    // ok: CWE-89 -- executes the prepared statement with bound values
    stmt.run(req.params.id, tag);
  }
  stmt.finalize((err) => (err ? res.status(500).end() : res.status(201).json({ added: tags.length })));
});

app.get('/notes/search', (req, res) => {
  const term = req.query.term || '';
  // expect: CWE-89 -- prepare() does not help when the text is concatenated
  db.prepare("SELECT id, title FROM notes WHERE title LIKE '%" + term + "%'").all((err, rows) => {
    if (err) return res.status(500).end();
    return res.json(rows);
  });
});

app.post('/admin/notes/purge', (req, res) => {
  const owner = req.body.owner;
  if (!owner) return res.status(400).end();
  // expect: CWE-89 -- exec() with request data (and exec runs multiple statements)
  db.exec(`DELETE FROM tags WHERE note_id IN (SELECT id FROM notes WHERE owner = '${owner}'); DELETE FROM notes WHERE owner = '${owner}';`, (err) => {
    if (err) return res.status(500).end();
    return res.status(204).end();
  });
});

module.exports = app;
