const { Sequelize, DataTypes, QueryTypes, Op } = require('sequelize');
const config = require('../config');

const sequelize = new Sequelize(config.db.uri, { logging: false });

const Post = sequelize.define('Post', {
  title: DataTypes.STRING,
  body: DataTypes.TEXT,
  authorId: DataTypes.INTEGER,
  status: DataTypes.STRING,
});

const ReportService = {
  async postsByAuthor(authorId) {
    // ok: CWE-89 -- named replacements
    return sequelize.query('SELECT id, title FROM "Posts" WHERE "authorId" = :authorId ORDER BY "createdAt" DESC', {
      replacements: { authorId },
      type: QueryTypes.SELECT,
    });
  },

  async postsWithStatus(status) {
    // ok: CWE-89 -- bind parameters
    return sequelize.query('SELECT id, title FROM "Posts" WHERE status = $1', { bind: [status], type: QueryTypes.SELECT });
  },

  async searchTitles(term) {
    // expect: CWE-89
    return sequelize.query(`SELECT id, title FROM "Posts" WHERE title ILIKE '%${term}%'`, { type: QueryTypes.SELECT });
  },

  async postsWithCommentCount(minComments) {
    return Post.findAll({
      attributes: {
        include: [
          // ok: CWE-89 -- constant correlated subquery
          [sequelize.literal('(SELECT COUNT(*) FROM "Comments" c WHERE c."postId" = "Post"."id")'), 'commentCount'],
        ],
      },
      // expect: CWE-89 -- threshold pasted into a literal
      where: sequelize.literal(`(SELECT COUNT(*) FROM "Comments" c WHERE c."postId" = "Post"."id") >= ${minComments}`),
    });
  },

  async postsForViewer(viewer) {
    return Post.findAll({
      where: {
        [Op.or]: [
          { status: 'published' },
          // expect: CWE-89 -- viewer id read from the session object, pasted into SQL
          Sequelize.literal(`"authorId" = ${viewer.id}`),
        ],
      },
    });
  },

  async recent(limitParam) {
    const limit = Number.parseInt(limitParam, 10) || 10;
    // ok: CWE-89 -- ORM call
    return Post.findAll({ where: { status: { [Op.ne]: 'deleted' } }, limit, order: [['createdAt', 'DESC']] });
  },

  async sorted(sortExpr) {
    // expect: CWE-89 -- order by a literal built from the request
    return Post.findAll({ order: sequelize.literal(sortExpr), limit: 50 });
  },

  async byAuthorAndTitle(authorId, title) {
    // expect: CWE-89 -- replacements are used for one value, the other is interpolated
    return sequelize.query(`SELECT id FROM "Posts" WHERE "authorId" = :authorId AND title = '${title}'`, { replacements: { authorId }, type: QueryTypes.SELECT });
  },

  async countWhere(column, value) {
    // expect: CWE-89 -- model's sequelize instance, column and value both pasted
    return Post.sequelize.query(`SELECT count(*) FROM "Posts" WHERE "${column}" = '${value}'`, { type: QueryTypes.SELECT });
  },

  async archiveOlderThan(days) {
    const d = parseInt(days, 10);
    // ok: CWE-89 -- integer
    return sequelize.query(`UPDATE "Posts" SET status = 'archived' WHERE "createdAt" < NOW() - INTERVAL '${d} days'`);
  },

  async monthly(schema) {
    const q = 'SELECT date_trunc(\'month\', "createdAt") AS m, COUNT(*) FROM ' + schema + '."Posts" GROUP BY 1 ORDER BY 1';
    // expect: CWE-89 -- schema name from the caller
    return sequelize.query(q, { type: QueryTypes.SELECT });
  },

  async bulkTag(postIds, tag) {
    // ok: CWE-89 -- replacements expand arrays into a quoted list
    return sequelize.query('UPDATE "Posts" SET tags = array_append(tags, :tag) WHERE id IN (:ids)', {
      replacements: { tag, ids: postIds },
    });
  },
};

async function handler(req, res) {
  const kind = req.query.kind;
  let rows;
  if (kind === 'author') rows = await ReportService.postsByAuthor(req.query.id);
  else if (kind === 'search') rows = await ReportService.searchTitles(req.query.q);
  else if (kind === 'popular') rows = await ReportService.postsWithCommentCount(req.query.min);
  else if (kind === 'monthly') rows = await ReportService.monthly(req.query.schema || 'public');
  else if (kind === 'mine') rows = await ReportService.postsForViewer(req.user);
  else if (kind === 'sorted') rows = await ReportService.sorted(req.query.order);
  else if (kind === 'exact') rows = await ReportService.byAuthorAndTitle(req.query.id, req.query.title);
  else rows = await ReportService.recent(req.query.limit);
  res.json(rows);
}

async function healthcheck() {
  // ok: CWE-89
  await sequelize.query('SELECT 1');
  // ok: CWE-89 -- constant literal used as where
  const drafts = await Post.count({ where: Sequelize.literal("status = 'draft'") });
  return { ok: true, drafts };
}

module.exports = { ReportService, handler, healthcheck, sequelize };
