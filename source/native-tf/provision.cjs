'use strict';
/*
 * Makes `npm install` end with a native TensorFlow backend even where tfjs-node's own download cannot work.
 *
 * Why a preinstall of a separate package: npm runs the preinstall script of every package in the tree before
 * any package's install script, so this runs after @tensorflow/tfjs-node is unpacked but before its
 * scripts/install.js. That script has the two hooks we use, so none of its files are patched:
 *   1. if deps/lib/<libtensorflow> already exists it skips the download and only builds the addon;
 *   2. if scripts/custom-binary.json names a custom "tf-lib" (and no custom addon) it builds the addon from
 *      source (`node-pre-gyp install --build-from-source`) instead of fetching a prebuilt one from Google.
 *
 * Order of sources:
 *   CONVSCOPE_LIBTENSORFLOW=<file or folder>  a libtensorflow .tar.gz, a TensorFlow .whl, or an installed
 *                                             `tensorflow` Python package folder (air-gapped servers)
 *   official download                         used untouched when Google's storage answers
 *   TensorFlow pip wheel                      `python3 -m pip download tensorflow-cpu` (PyPI or a mirror)
 * What is extracted is cached outside node_modules (~/.cache/convscope), so a reinstall downloads nothing.
 * Any failure exits non-zero with one clear line: npm then stops instead of leaving a half-built tfjs-node.
 */
const cp = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const { PIP_SPEC, cacheRoot, PROVENANCE_FILE, STATUS_FILE } = require('./paths.cjs');

const log = (msg) => process.stderr.write(`convscope: ${msg}\n`);

class ProvisionError extends Error {}

function findTfjsNode() {
  try {
    return path.dirname(require.resolve('@tensorflow/tfjs-node/package.json', { paths: [path.join(__dirname, '..')] }));
  } catch {
    return undefined; // installed with --omit=optional: convscope will use the wasm backend
  }
}

/** The same URL tfjs-node's install.js would download, honouring the same environment variables. */
function officialUrl(tfjsNode) {
  const { LIBTENSORFLOW_VERSION } = require(path.join(tfjsNode, 'scripts', 'deps-constants.js'));
  const host = process.env.TFJS_NODE_CDN_STORAGE || process.env.npm_config_TFJS_NODE_CDN_STORAGE ||
    process.env.CDN_STORAGE || 'https://storage.googleapis.com/';
  const base = process.env.TFJS_NODE_BASE_URI || process.env.npm_config_TFJS_NODE_BASE_URI ||
    `${host}tensorflow/libtensorflow/libtensorflow-`;
  const arch = { x64: 'x86_64', arm64: 'arm64' }[os.arch()] || os.arch();
  return `${base}cpu-linux-${arch}-${LIBTENSORFLOW_VERSION}.tar.gz`;
}

/** A HEAD request with a short timeout: an air-gapped DNS can hang for minutes, tfjs-node's download has none. */
function reachable(url, timeoutMs = 5000) {
  return new Promise((resolve) => {
    if (!url.startsWith('https://')) return resolve(true); // a custom mirror we cannot judge: let tfjs-node try
    const req = https.request(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode < 400);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

function run(cmd, args, what) {
  const r = cp.spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) {
    throw new ProvisionError(`${what} failed (${r.error ? r.error.message : `${cmd} exited ${r.status}`})`);
  }
}

function python() {
  for (const cmd of [process.env.CONVSCOPE_PYTHON, 'python3', 'python'].filter(Boolean)) {
    const r = cp.spawnSync(cmd, ['-c', 'import sys; print(sys.version_info[0])'], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() === '3') return cmd;
  }
  throw new ProvisionError('Python 3 is needed to unpack the TensorFlow wheel and none was found ' +
    '(set CONVSCOPE_PYTHON, or CONVSCOPE_LIBTENSORFLOW=/path/to/libtensorflow.tar.gz)');
}

/** Fills `dir` (a fresh temp folder) with lib/ and include/ from the given source. */
function extractInto(dir, source, bindingDir) {
  fs.mkdirSync(dir, { recursive: true });
  if (source.kind === 'tarball') {
    run('tar', ['-xzf', source.path, '-C', dir], `unpacking ${source.path}`);
    return;
  }
  let wheel = source.path;
  if (source.kind === 'pip') {
    const wheelDir = path.join(dir, 'wheel');
    log(`downloading the ${PIP_SPEC} wheel with pip (about 270 MB, once; cached in ${cacheRoot()})`);
    run(python(), ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--dest', wheelDir, PIP_SPEC],
      `pip download ${PIP_SPEC}`);
    wheel = path.join(wheelDir, fs.readdirSync(wheelDir).find((f) => f.endsWith('.whl')));
  }
  run(python(), [path.join(__dirname, 'extract_wheel.py'), wheel, dir, bindingDir], `unpacking ${wheel}`);
  fs.rmSync(path.join(dir, 'wheel'), { recursive: true, force: true });
}

function describeLocal(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ProvisionError(`CONVSCOPE_LIBTENSORFLOW=${file}: no such file or folder`);
  }
  const key = crypto.createHash('sha1').update(`${fs.realpathSync(file)}:${stat.size}:${stat.mtimeMs}`).digest('hex');
  if (stat.isDirectory()) return { kind: 'folder', path: file, key: `folder-${key.slice(0, 12)}` };
  if (/\.whl$/.test(file)) return { kind: 'wheel', path: file, key: `wheel-${key.slice(0, 12)}` };
  if (/\.(tar\.gz|tgz)$/.test(file)) return { kind: 'tarball', path: file, key: `tarball-${key.slice(0, 12)}` };
  throw new ProvisionError(`CONVSCOPE_LIBTENSORFLOW=${file}: expected a .whl, a .tar.gz or a tensorflow package folder`);
}

/** Returns a cached folder with lib/ and include/, extracting it first if needed (atomically: temp + rename). */
function obtain(source, bindingDir) {
  const dir = path.join(cacheRoot(), 'libtensorflow', source.key);
  if (fs.existsSync(path.join(dir, '.complete'))) {
    log(`using cached libtensorflow in ${dir}`);
    return dir;
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    extractInto(tmp, source, bindingDir);
    fs.writeFileSync(path.join(tmp, '.complete'), JSON.stringify({ source: describe(source), at: new Date().toISOString() }));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

function describe(source) {
  if (source.kind === 'pip') return `pip wheel ${PIP_SPEC}`;
  return `${source.kind} ${source.path}`;
}

/** Hard link (no extra disk, survives a cache wipe) or copy when the cache is on another file system. */
function linkOrCopy(from, to) {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/** Puts libtensorflow where tfjs-node's install.js and binding.gyp look: deps/lib and deps/include. */
function stage(cacheDir, tfjsNode, source) {
  const constants = require(path.join(tfjsNode, 'scripts', 'deps-constants.js'));
  const deps = constants.depsPath;
  const lib = constants.depsLibPath;
  fs.rmSync(deps, { recursive: true, force: true });
  fs.mkdirSync(lib, { recursive: true });
  for (const name of fs.readdirSync(path.join(cacheDir, 'lib'))) {
    const from = path.join(cacheDir, 'lib', name);
    const st = fs.lstatSync(from);
    if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), path.join(lib, name));
    else if (st.isFile()) linkOrCopy(from, path.join(lib, name));
  }
  // The wheel's library is libtensorflow_cc.so.2 (the C and eager C API live in it); binding.gyp links
  // `-ltensorflow -ltensorflow_framework` and install.js looks for libtensorflow.so.<its version>.
  const names = fs.readdirSync(lib);
  const main = names.find((n) => n === 'libtensorflow_cc.so.2') || names.find((n) => /^libtensorflow\.so\.\d/.test(n));
  const framework = names.find((n) => /^libtensorflow_framework\.so\.\d/.test(n));
  if (!main || !framework) throw new ProvisionError(`${describe(source)} has no libtensorflow / libtensorflow_framework shared library`);
  const want = { [constants.depsLibTensorFlowName]: main, 'libtensorflow.so': main, 'libtensorflow_framework.so': framework };
  for (const [name, target] of Object.entries(want)) {
    if (!fs.existsSync(path.join(lib, name))) fs.symlinkSync(target, path.join(lib, name));
  }
  fs.cpSync(path.join(cacheDir, 'include'), path.join(deps, 'include'), { recursive: true });
  fs.writeFileSync(path.join(deps, PROVENANCE_FILE), JSON.stringify({ source: describe(source), cache: cacheDir }, null, 2));
  // Hook 2 above: a custom tf-lib without a custom addon makes install.js build from source.
  fs.writeFileSync(path.join(tfjsNode, 'scripts', 'custom-binary.json'), JSON.stringify({ 'tf-lib': `file://${cacheDir}` }, null, 2));
}

/**
 * node-gyp downloads Node's headers from nodejs.org unless its header cache already has them. Node ships
 * them next to the binary (<prefix>/include/node), so seed node-gyp's own cache from there.
 */
function seedNodeHeaders() {
  const local = path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node');
  const base = process.env.npm_config_devdir ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'node-gyp');
  const devDir = path.join(base, process.versions.node);
  if (fs.existsSync(path.join(devDir, 'include', 'node', 'common.gypi'))) return;
  if (!fs.existsSync(path.join(local, 'node_api.h'))) {
    throw new ProvisionError(`Node's C headers are not in ${local} and nodejs.org cannot be reached ` +
      '(install your distribution\'s nodejs-dev/libnode-dev package)');
  }
  fs.mkdirSync(path.join(devDir, 'include'), { recursive: true });
  fs.cpSync(local, path.join(devDir, 'include', 'node'), { recursive: true });
  fs.writeFileSync(path.join(devDir, 'installVersion'), '11\n'); // node-gyp's header-layout version (9..12)
}

function writeStatus(tfjsNode, status) {
  const file = tfjsNode ? path.join(tfjsNode, '..', '..', STATUS_FILE) : path.join(__dirname, '..', STATUS_FILE);
  fs.writeFileSync(file, JSON.stringify(status, null, 2));
}

async function main() {
  const tfjsNode = findTfjsNode();
  if (!tfjsNode) return writeStatus(undefined, { result: 'omitted' });
  const constants = require(path.join(tfjsNode, 'scripts', 'deps-constants.js'));
  if (fs.existsSync(constants.depsLibTensorFlowPath)) {
    return writeStatus(tfjsNode, { result: 'present' }); // an earlier install already staged it
  }
  const local = process.env.CONVSCOPE_LIBTENSORFLOW;
  if (!local && process.env.CONVSCOPE_TF_OFFICIAL !== '0') {
    const url = officialUrl(tfjsNode);
    if (await reachable(url)) {
      log(`${new URL(url).host} answers: tfjs-node downloads libtensorflow itself`);
      return writeStatus(tfjsNode, { result: 'official', url });
    }
    log(`${new URL(url).host} cannot be reached: building tfjs-node against the TensorFlow pip wheel instead`);
  }
  const source = local ? describeLocal(path.resolve(process.env.INIT_CWD || '.', local)) : { kind: 'pip', key: `pip-${PIP_SPEC.replace(/[^\w.-]+/g, '-')}` };
  const cacheDir = obtain(source, path.join(tfjsNode, 'binding'));
  seedNodeHeaders();
  stage(cacheDir, tfjsNode, source);
  log(`libtensorflow from ${describe(source)} staged; tfjs-node now builds its addon from source`);
  writeStatus(tfjsNode, { result: 'staged', source: describe(source), cache: cacheDir });
}

main().catch((err) => {
  const msg = err instanceof ProvisionError ? err.message : `unexpected error: ${err && err.stack || err}`;
  log(`native TensorFlow could not be provisioned: ${msg}`);
  log('install without native TensorFlow (inspection only, slow): npm install --omit=optional');
  process.exit(1);
});
