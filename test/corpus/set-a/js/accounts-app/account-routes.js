'use strict';

const express = require('express');
const bcrypt = require('bcryptjs');
const db = require('./db');
const users = require('./user-repository');

const router = express.Router();
router.use(express.json());

router.post('/login', async (req, res, next) => {
  try {
    const user = await users.findByUsername(req.body.username);
    if (!user || !(await bcrypt.compare(req.body.password || '', user.password_hash))) {
      return res.status(401).json({ error: 'invalid credentials' });
    }
    req.session.userId = user.id;
    return res.json({ id: user.id, username: user.username });
  } catch (err) {
    return next(err);
  }
});

router.get('/accounts/:id', async (req, res, next) => {
  try {
    const user = await users.findById(req.params.id);
    return user ? res.json(user) : res.sendStatus(404);
  } catch (err) {
    return next(err);
  }
});

router.get('/accounts/:id/sessions', async (req, res, next) => {
  try {
    // expect: CWE-89 -- route param concatenated, through the local db module
    const { rows } = await db.query('SELECT * FROM sessions WHERE user_id = ' + req.params.id + ' ORDER BY created_at DESC');
    return res.json(rows);
  } catch (err) {
    return next(err);
  }
});

router.delete('/accounts/:id/sessions', async (req, res, next) => {
  try {
    // ok: CWE-89 -- placeholder
    await db.query('DELETE FROM sessions WHERE user_id = $1', [req.params.id]);
    return res.sendStatus(204);
  } catch (err) {
    return next(err);
  }
});

router.post('/accounts/:id/devices', async (req, res, next) => {
  try {
    // expect: CWE-89 -- user-agent header interpolated even though the id is bound
    await db.query(`INSERT INTO devices (user_id, user_agent) VALUES ($1, '${req.headers['user-agent']}')`, [req.params.id]);
    return res.sendStatus(201);
  } catch (err) {
    return next(err);
  }
});

router.get('/admin/audit', async (req, res, next) => {
  try {
    const entries = await users.findAuditEntries(req.query.field || 'actor', req.query.value || '');
    return res.json(entries);
  } catch (err) {
    return next(err);
  }
});

router.get('/admin/users', async (req, res, next) => {
  try {
    const list = await users.listByRole(req.query.role || 'member', { team: req.query.team, createdAfter: req.query.since });
    return res.json(list);
  } catch (err) {
    return next(err);
  }
});

router.post('/admin/users/deactivate', async (req, res, next) => {
  try {
    await db.withTransaction((client) => users.deactivateMany(req.body.usernames || [], client));
    return res.sendStatus(204);
  } catch (err) {
    return next(err);
  }
});

module.exports = router;
