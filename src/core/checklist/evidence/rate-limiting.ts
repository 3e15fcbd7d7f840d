import type { Detector } from './detector';
import { wiringEvidence } from './library-use';

// Rate limiting from a library that is imported and wired in (a limiter created or registered).
const LIBRARIES = {
  js: ['express-rate-limit', '@fastify/rate-limit', 'rate-limiter-flexible', 'express-slow-down', 'koa-ratelimit', '@nestjs/throttler'],
  py: ['flask_limiter', 'slowapi', 'django_ratelimit'],
};

export const rateLimiting: Detector = {
  id: 'rate-limiting',
  title: 'Rate limiting wired in',
  looksFor: 'express-rate-limit, @fastify/rate-limit, rate-limiter-flexible, flask-limiter, slowapi or django-ratelimit imported and used',
  detect({ ws }) {
    return wiringEvidence(this.id, ws, LIBRARIES, [], 'no rate limiter wired in');
  },
};
