import * as fs from 'fs';
import * as path from 'path';

// The engine runs from three places: bundled in dist/, from src/ under tsx in tests, and from an installed
// VSIX. Each finds the package root the same way: walk up to our own package.json.
let cachedRoot: string | undefined;

export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if (JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'backend-coach') return (cachedRoot = dir);
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Backend Coach: cannot find its package root above ${__dirname}`);
    dir = parent;
  }
}

export function builtinRulesDir(): string {
  return path.join(packageRoot(), 'rules');
}

/** Grammars ship in dist/wasm inside the VSIX; in a source checkout they are read from node_modules. */
export function wasmDir(): string {
  const root = packageRoot();
  const bundled = path.join(root, 'dist', 'wasm');
  if (fs.existsSync(path.join(bundled, 'tree-sitter.wasm'))) return bundled;
  return path.join(root, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
}
