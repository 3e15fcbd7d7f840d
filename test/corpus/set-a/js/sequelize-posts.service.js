const express = require('express');
const { Sequelize, DataTypes, Op, QueryTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });

const Post = sequelize.define('Post', {
  title: DataTypes.STRING,
  body: DataTypes.TEXT,
  status: DataTypes.STRING,
  score: DataTypes.INTEGER,
  authorId: DataTypes.INTEGER,
});

class PostService {
  async findById(id) {
    // ok: CWE-89 -- ORM finder with an object where
    return Post.findOne({ where: { id } });
  }

  async search(term) {
    // ok: CWE-89 -- Op.iLike value is bound by the ORM even though it is a template literal
    return Post.findAll({ where: { title: { [Op.iLike]: `%${term}%` } }, limit: 25 });
  }

  async byAuthor(authorId) {
    // ok: CWE-89 -- named replacements
    return sequelize.query('SELECT * FROM "Posts" WHERE "authorId" = :authorId', { replacements: { authorId }, type: QueryTypes.SELECT });
  }

  async byStatus(status) {
    // expect: CWE-89 -- interpolated parameter, no replacements
    return sequelize.query(`SELECT * FROM "Posts" WHERE status = '${status}'`, { type: QueryTypes.SELECT });
  }

  async countSince(date) {
    // ok: CWE-89 -- bind parameters
    const [row] = await sequelize.query('SELECT COUNT(*)::int AS n FROM "Posts" WHERE "createdAt" >= $1', { bind: [date], type: QueryTypes.SELECT });
    return row.n;
  }

  async archive(ids, reason) {
    // expect: CWE-89 -- replacements are used for ids, but reason is still interpolated into the text
    return sequelize.query(`UPDATE "Posts" SET status = 'archived', note = '${reason}' WHERE id IN (:ids)`, { replacements: { ids } });
  }

  async withMinScore(minScore) {
    // expect: CWE-89 -- Sequelize.literal with an interpolated argument
    return Post.findAll({ where: Sequelize.literal(`score >= ${minScore}`) });
  }

  async newestFirst() {
    // ok: CWE-89 -- literal with constant SQL
    return Post.findAll({ order: [[Sequelize.literal('"createdAt"'), 'DESC']], limit: 10 });
  }

  async withCommentCounts(status) {
    // expect: CWE-89 -- literal subquery with an interpolated argument inside attributes
    return Post.findAll({ attributes: ['id', 'title', [sequelize.literal(`(SELECT COUNT(*) FROM comments c WHERE c.post_id = "Post".id AND c.status = '${status}')`), 'commentCount']] });
  }

  async sorted(sort) {
    // expect: CWE-89 -- raw ORDER BY literal from the caller
    return Post.findAll({ order: sequelize.literal(sort), limit: 50 });
  }

  async create(data) {
    // ok: CWE-89 -- model create with an object
    return Post.create({ title: data.title, body: data.body, authorId: data.authorId, status: 'draft' });
  }
}

const service = new PostService();
const router = express.Router();

router.get('/posts/:id(\\d+)', async (req, res) => {
  const post = await service.findById(req.params.id);
  return post ? res.json(post) : res.sendStatus(404);
});

router.get('/posts/status/:status', async (req, res) => res.json(await service.byStatus(req.params.status)));
router.get('/posts/search', async (req, res) => res.json(await service.search(req.query.q || '')));
router.get('/posts/by-author/:authorId', async (req, res) => res.json(await service.byAuthor(req.params.authorId)));
router.post('/posts/archive', express.json(), async (req, res) => res.json(await service.archive(req.body.ids, req.body.reason)));
router.get('/posts/top', async (req, res) => res.json(await service.withMinScore(req.query.min)));
router.get('/posts/newest', async (req, res) => res.json(await service.newestFirst()));
router.post('/posts', express.json(), async (req, res) => res.status(201).json(await service.create({ ...req.body, authorId: req.user.id })));

router.get('/posts/with-comments', async (req, res) => res.json(await service.withCommentCounts(req.query.status || 'approved')));
router.get('/posts/sorted', async (req, res) => res.json(await service.sorted(req.query.sort || '"createdAt" DESC')));

router.get('/posts/feed', async (req, res) => {
  const tag = req.query.tag;
  if (!tag) return res.json([]);
  // expect: CWE-89 -- request value concatenated directly in the route
  const rows = await sequelize.query("SELECT p.* FROM \"Posts\" p JOIN post_tags t ON t.post_id = p.id WHERE t.tag = '" + tag + "'", { type: QueryTypes.SELECT });
  return res.json(rows);
});

router.get('/posts/stats', async (req, res) => {
  const since = req.query.since ? new Date(req.query.since) : new Date(Date.now() - 7 * 864e5);
  res.json({ count: await service.countSince(since) });
});

module.exports = { PostService, router };
