// The install-time provisioning, run in a scratch node_modules tree with a fake TensorFlow package folder:
// it must stage libtensorflow where tfjs-node's own install.js and binding.gyp look, ask for a build from
// source through tfjs-node's custom-binary hook, seed node-gyp's header cache, and cache what it extracted.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readlinkSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

function scratchTree(dir: string) {
  const tfjs = join(dir, 'node_modules', '@tensorflow', 'tfjs-node');
  const real = join(root, 'node_modules', '@tensorflow', 'tfjs-node');
  mkdirSync(join(tfjs, 'scripts'), { recursive: true });
  cpSync(join(real, 'package.json'), join(tfjs, 'package.json'));
  cpSync(join(real, 'scripts', 'deps-constants.js'), join(tfjs, 'scripts', 'deps-constants.js'));
  cpSync(join(real, 'binding'), join(tfjs, 'binding'), { recursive: true });
  const helper = join(dir, 'node_modules', 'convscope-native-tf');
  cpSync(join(root, 'source', 'native-tf'), helper, { recursive: true });
  // A pip-installed `tensorflow` package folder: the two libraries and the C headers (one includes another).
  const pkg = join(dir, 'site-packages', 'tensorflow');
  mkdirSync(join(pkg, 'include', 'tensorflow', 'c', 'eager'), { recursive: true });
  mkdirSync(join(pkg, 'include', 'tensorflow', 'core', 'platform'), { recursive: true });
  writeFileSync(join(pkg, 'libtensorflow_cc.so.2'), 'cc');
  writeFileSync(join(pkg, 'libtensorflow_framework.so.2'), 'fw');
  writeFileSync(join(pkg, 'include', 'tensorflow', 'c', 'c_api.h'), '#include "tensorflow/c/tf_status.h"\n');
  writeFileSync(join(pkg, 'include', 'tensorflow', 'c', 'tf_status.h'), '// status\n');
  writeFileSync(join(pkg, 'include', 'tensorflow', 'c', 'unused.h'), '// not included by anything\n');
  for (const h of ['eager/c_api.h', 'tf_datatype.h', 'tf_tensor.h']) writeFileSync(join(pkg, 'include', 'tensorflow', 'c', h), '\n');
  writeFileSync(join(pkg, 'include', 'tensorflow', 'core', 'platform', 'ctstring_internal.h'), '\n');
  return { tfjs, helper, pkg };
}

function provision(dir: string, helper: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [join(helper, 'provision.cjs')], {
    cwd: helper,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: join(dir, 'xdg'), CONVSCOPE_CACHE: join(dir, 'cache'), INIT_CWD: dir, ...env },
  });
}

test('CONVSCOPE_LIBTENSORFLOW=<tensorflow package folder> stages libtensorflow for a build from source', () => {
  const dir = tempDir();
  try {
    const { tfjs, helper, pkg } = scratchTree(dir.path);
    const r = provision(dir.path, helper, { CONVSCOPE_LIBTENSORFLOW: pkg });
    assert.equal(r.status, 0, r.stderr);
    const lib = join(tfjs, 'deps', 'lib');
    // install.js checks for libtensorflow.so.2.9.1; binding.gyp links -ltensorflow -ltensorflow_framework.
    assert.equal(readlinkSync(join(lib, 'libtensorflow.so.2.9.1')), 'libtensorflow_cc.so.2');
    assert.equal(readlinkSync(join(lib, 'libtensorflow.so')), 'libtensorflow_cc.so.2');
    assert.equal(readlinkSync(join(lib, 'libtensorflow_framework.so')), 'libtensorflow_framework.so.2');
    assert.equal(readFileSync(join(lib, 'libtensorflow_cc.so.2'), 'utf8'), 'cc');
    // Only the headers the binding includes, followed transitively.
    assert.ok(existsSync(join(tfjs, 'deps', 'include', 'tensorflow', 'c', 'tf_status.h')));
    assert.ok(!existsSync(join(tfjs, 'deps', 'include', 'tensorflow', 'c', 'unused.h')));
    const custom = JSON.parse(readFileSync(join(tfjs, 'scripts', 'custom-binary.json'), 'utf8'));
    assert.match(custom['tf-lib'], /^file:\/\//);
    assert.equal(custom.addon, undefined, 'no custom addon: install.js builds from source');
    const provenance = JSON.parse(readFileSync(join(tfjs, 'deps', 'convscope-provenance.json'), 'utf8'));
    assert.match(provenance.source, /^folder /);
    const headers = join(dir.path, 'xdg', 'node-gyp', process.versions.node);
    assert.ok(existsSync(join(headers, 'include', 'node', 'node_api.h')), 'node-gyp header cache seeded');
    assert.equal(readFileSync(join(headers, 'installVersion'), 'utf8').trim(), '11');
    const cached = readdirSync(join(dir.path, 'cache', 'libtensorflow'));
    assert.equal(cached.length, 1);
    assert.ok(existsSync(join(dir.path, 'cache', 'libtensorflow', cached[0]!, '.complete')));
    const status = JSON.parse(readFileSync(join(dir.path, 'node_modules', '.convscope-native-tf.json'), 'utf8'));
    assert.equal(status.result, 'staged');

    // A reinstall (fresh tfjs-node, same cache) extracts nothing again.
    spawnSync('rm', ['-rf', join(tfjs, 'deps')]);
    const again = provision(dir.path, helper, { CONVSCOPE_LIBTENSORFLOW: pkg });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /using cached libtensorflow/);
    assert.ok(existsSync(join(tfjs, 'deps', 'lib', 'libtensorflow.so.2.9.1')));
  } finally {
    dir.cleanup();
  }
});

test('a missing local file ends the install with one clear line and a non-zero exit', () => {
  const dir = tempDir();
  try {
    const { tfjs, helper } = scratchTree(dir.path);
    const r = provision(dir.path, helper, { CONVSCOPE_LIBTENSORFLOW: join(dir.path, 'nope.whl') });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /native TensorFlow could not be provisioned: CONVSCOPE_LIBTENSORFLOW=.*nope\.whl: no such file or folder/);
    assert.ok(!existsSync(join(tfjs, 'deps')), 'nothing half-staged');
  } finally {
    dir.cleanup();
  }
});

test('an existing deps/lib (a reinstall over a built tree) is left alone', () => {
  const dir = tempDir();
  try {
    const { tfjs, helper } = scratchTree(dir.path);
    mkdirSync(join(tfjs, 'deps', 'lib'), { recursive: true });
    writeFileSync(join(tfjs, 'deps', 'lib', 'libtensorflow.so.2.9.1'), 'official');
    const r = provision(dir.path, helper, { CONVSCOPE_LIBTENSORFLOW: join(dir.path, 'anything') });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(tfjs, 'deps', 'lib', 'libtensorflow.so.2.9.1'), 'utf8'), 'official');
    assert.ok(!existsSync(join(tfjs, 'scripts', 'custom-binary.json')));
  } finally {
    dir.cleanup();
  }
});
