import * as path from 'path';
import type { Detector } from './detector';
import { gitRoot } from './git-root';

// A `.git` folder (or the `.git` file of a worktree or submodule) in the workspace or a folder above it:
// the project is under version control.
export const gitRepository: Detector = {
  id: 'git-repository',
  title: 'Git repository',
  looksFor: 'a .git folder (or worktree file) in the workspace or a parent folder',
  detect({ ws }) {
    const root = gitRoot(ws.root);
    if (!root) return { detector: this.id, found: false, detail: 'no .git folder here or above: run `git init`' };
    const detail = root === ws.root ? '.git' : `${path.join(root, '.git')} (the workspace is inside that repository)`;
    return { detector: this.id, found: true, detail };
  },
};
