// Unified diffs of what --fix would change (--fix-dry-run): a line diff (Myers' O(ND) algorithm, after
// trimming the common head and tail) printed the way `git diff` does, so the output applies with
// `git apply` or `patch -p1`.

interface Line {
  text: string;
  /** The file's last line, with no line ending after it. */
  noEol: boolean;
}

type Op = { kind: ' ' | '-' | '+'; line: Line };

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const finalNewline = parts[parts.length - 1] === '';
  if (finalNewline) parts.pop();
  return parts.map((t, i) => ({ text: t, noEol: !finalNewline && i === parts.length - 1 }));
}

const key = (l: Line) => (l.noEol ? l.text + '\u0000' : l.text);

/** The shortest edit script turning `a` into `b`. */
function diffLines(a: Line[], b: Line[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && key(a[head]) === key(b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && key(a[a.length - 1 - tail]) === key(b[b.length - 1 - tail])) tail++;
  const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
  ops.push(...myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail)));
  ops.push(...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })));
  return ops;
}

function myers(a: Line[], b: Line[]): Op[] {
  const n = a.length;
  const m = b.length;
  const ak = a.map(key);
  const bk = b.map(key);
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // snapshots[d] holds v[-d..d] after step d, for the walk back.
  const snapshots: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && ak[x] === bk[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    snapshots.push(v.slice(off - d, off + d + 1));
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = snapshots[d - 1];
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (x === prevX) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x] });
    y--;
  }
  return ops.reverse();
}

/** A unified diff of one file, or '' when nothing changed. Names are printed as given (`a/x.js`). */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return '';
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const changes: number[] = [];
  ops.forEach((op, i) => {
    if (op.kind !== ' ') changes.push(i);
  });
  if (!changes.length) return '';

  const groups: [number, number][] = [];
  for (const c of changes) {
    const last = groups[groups.length - 1];
    if (last && c - last[1] - 1 <= 2 * context) last[1] = c;
    else groups.push([c, c]);
  }

  // Line numbers before each op.
  const oldLineAt: number[] = [];
  const newLineAt: number[] = [];
  let o = 0;
  let nl = 0;
  for (const op of ops) {
    oldLineAt.push(o);
    newLineAt.push(nl);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') nl++;
  }

  let out = `--- ${oldName}\n+++ ${newName}\n`;
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    const oldStart = oldCount ? oldLineAt[from] + 1 : oldLineAt[from];
    const newStart = newCount ? newLineAt[from] + 1 : newLineAt[from];
    out += `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`;
    for (const op of slice) {
      out += `${op.kind}${op.line.text}\n`;
      if (op.line.noEol) out += '\\ No newline at end of file\n';
    }
  }
  return out;
}
