// serverless.yml -> functions.coupons.handler: src/handlers/coupons.handler
const SqlString = require('sqlstring');
const mysql = require('serverless-mysql')({
  config: {
    host: process.env.DB_HOST,
    database: process.env.DB_NAME,
    user: process.env.DB_USER,
    password: process.env.DB_PASS,
  },
});

const json = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function getCoupon(code) {
  // ok: CWE-89
  const rows = await mysql.query('SELECT code, percent_off, expires_at FROM coupons WHERE code = ? AND active = 1', [code]);
  return rows[0];
}

async function getCouponLegacy(event) {
  // expect: CWE-89 -- path parameter in double quotes
  const rows = await mysql.query('SELECT code, percent_off FROM coupons WHERE code = "' + event.pathParameters.code + '"');
  return rows[0];
}

async function listCoupons(qs) {
  const campaign = qs.campaign;
  const page = qs.page ? parseInt(qs.page, 10) : 0;
  // expect: CWE-89 -- campaign from the query string; page is fine but campaign is not
  return mysql.query(`SELECT code, percent_off FROM coupons WHERE campaign = '${campaign}' LIMIT 20 OFFSET ${page * 20}`);
}

async function redeem(body, userId) {
  const { code } = JSON.parse(body || '{}');
  const coupon = await getCoupon(code);
  if (!coupon) return json(404, { error: 'unknown coupon' });
  await mysql.transaction()
    // ok: CWE-89
    .query('UPDATE coupons SET uses = uses + 1 WHERE code = ?', [code])
    // ok: CWE-89
    .query('INSERT INTO redemptions (code, user_id) VALUES (?, ?)', [code, userId])
    .commit();
  return json(200, { percentOff: coupon.percent_off });
}

async function stats(qs) {
  const groupBy = qs.groupBy === 'day' ? 'DATE(redeemed_at)' : 'code';
  // ok: CWE-89 -- ternary between two constants
  return mysql.query(`SELECT ${groupBy} AS k, COUNT(*) AS n FROM redemptions GROUP BY k ORDER BY n DESC`);
}

async function adminDisable(body) {
  const { codes } = JSON.parse(body);
  const list = codes.map((c) => "'" + c + "'").join(',');
  // expect: CWE-89 -- quoting by hand is not escaping
  await mysql.query('UPDATE coupons SET active = 0 WHERE code IN (' + list + ')');
  return json(204, {});
}

async function adminDisableEscaped(body) {
  const { codes } = JSON.parse(body);
  const list = codes.map((c) => SqlString.escape(c)).join(',');
  // ok: CWE-89 -- every code went through SqlString.escape()
  await mysql.query('UPDATE coupons SET active = 0 WHERE code IN (' + list + ')');
  return json(204, {});
}

async function purgeExpired() {
  const prefix = process.env.TABLE_PREFIX || '';
  // expect: CWE-89 -- table prefix from the environment
  return mysql.query(`DELETE FROM ${prefix}coupons WHERE expires_at < NOW()`);
}

async function byOwner(ownerEmail) {
  // expect: CWE-89 -- function parameter spliced into the text
  return mysql.query("SELECT code FROM coupons WHERE owner_email = '" + ownerEmail + "'");
}

exports.purge = purgeExpired;
exports.byOwner = byOwner;

exports.handler = async (event) => {
  try {
    const qs = event.queryStringParameters || {};
    const userId = event.requestContext?.authorizer?.claims?.sub;
    switch (`${event.httpMethod} ${event.resource}`) {
      case 'GET /coupons/{code}':
        return json(200, await getCoupon(event.pathParameters.code));
      case 'GET /legacy/coupons/{code}':
        return json(200, await getCouponLegacy(event));
      case 'GET /coupons':
        return json(200, await listCoupons(qs));
      case 'POST /coupons/redeem':
        return await redeem(event.body, userId);
      case 'GET /coupons/stats':
        return json(200, await stats(qs));
      case 'POST /admin/coupons/disable':
        return await adminDisable(event.body);
      case 'POST /admin/coupons/disable-safe':
        return await adminDisableEscaped(event.body);
      default:
        return json(404, { error: 'not found' });
    }
  } finally {
    await mysql.end();
  }
};
