import type { Detector } from './detector';

// No dependency a major version behind. The check itself belongs to dependency health (issue 4), which
// passes its count in; without it this detector cannot say anything and says so.
export const dependenciesCurrent: Detector = {
  id: 'dependencies-current',
  title: 'No outdated major versions',
  looksFor: 'the dependency check reports no dependency a major version behind',
  detect({ inputs }) {
    const health = inputs.dependencyHealth;
    if (!health) return { detector: this.id, found: false, detail: 'dependency check not run' };
    const n = health.outdatedMajors;
    if (n === 0) return { detector: this.id, found: true, detail: 'no dependency is a major version behind' };
    return { detector: this.id, found: false, detail: `${n} ${n === 1 ? 'dependency is' : 'dependencies are'} a major version behind` };
  },
};
