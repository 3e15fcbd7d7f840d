import type { DetectorInfo } from '../types';
import { ci } from './ci';
import { container } from './container';
import { dependenciesCurrent } from './dependencies-current';
import type { Detector } from './detector';
import { envIgnored } from './env-ignored';
import { gitRepository } from './git-repository';
import { healthEndpoint } from './health-endpoint';
import { lockfile } from './lockfile';
import { loggingLibrary } from './logging-library';
import { migrations } from './migrations';
import { openapi } from './openapi';
import { parameterisedQueries } from './parameterised-queries';
import { rateLimiting } from './rate-limiting';
import { securityHeaders } from './security-headers';
import { tests } from './tests';
import { validationLibrary } from './validation-library';

/** Every detector, in the order the fronts list them. Adding one: a file here and a row below. */
export const DETECTORS: readonly Detector[] = [
  gitRepository,
  tests,
  ci,
  container,
  migrations,
  lockfile,
  envIgnored,
  validationLibrary,
  securityHeaders,
  rateLimiting,
  parameterisedQueries,
  dependenciesCurrent,
  loggingLibrary,
  healthEndpoint,
  openapi,
];

export const DETECTOR_IDS: readonly string[] = DETECTORS.map((d) => d.id);

export function detectorInfo(): DetectorInfo[] {
  return DETECTORS.map(({ id, title, looksFor }) => ({ id, title, looksFor }));
}
