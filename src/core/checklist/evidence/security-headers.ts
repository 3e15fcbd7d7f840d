import type { Detector } from './detector';
import { wiringEvidence } from './library-use';

// Security headers set by a library that is imported and wired in: helmet for Express, @fastify/helmet,
// Talisman for Flask; or Django's SecurityMiddleware listed in MIDDLEWARE.
const LIBRARIES = { js: ['helmet', '@fastify/helmet', 'koa-helmet'], py: ['flask_talisman'] };
const DJANGO = /['"]django\.middleware\.security\.SecurityMiddleware['"]/;

export const securityHeaders: Detector = {
  id: 'security-headers',
  title: 'Security headers (helmet) wired in',
  looksFor: 'helmet, @fastify/helmet or flask-talisman imported and used (app.use(helmet()), register(helmet), Talisman(app)), or Django SecurityMiddleware',
  detect({ ws }) {
    const django = ws.filter(/(^|\/)settings(\/[^/]+)?\.py$/).filter((rel) => DJANGO.test(ws.read(rel) ?? ''));
    return wiringEvidence(this.id, ws, LIBRARIES, django.map((rel) => `SecurityMiddleware (${rel})`), 'no helmet (or equivalent) wired in');
  },
};
