'use strict';
// Where convscope keeps native TensorFlow and how it names things. Shared by the install scripts and by
// source/model/backend.ts (which reads the provenance file to tell the user where libtensorflow came from).
const os = require('node:os');
const path = require('node:path');

/** The TensorFlow wheel used when Google's storage is unreachable. Also the Python reference in the tests. */
const PIP_SPEC = process.env.CONVSCOPE_TF_PIP_SPEC ||
  (os.arch() === 'x64' ? 'tensorflow-cpu==2.21.0' : 'tensorflow==2.21.0');

function cacheRoot() {
  if (process.env.CONVSCOPE_CACHE) return path.resolve(process.env.CONVSCOPE_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'convscope');
}

/** Written into tfjs-node's deps/ folder: where the libtensorflow in there came from. */
const PROVENANCE_FILE = 'convscope-provenance.json';
/** Written next to node_modules' packages: what the preinstall step did, read by the postinstall report. */
const STATUS_FILE = '.convscope-native-tf.json';

module.exports = { PIP_SPEC, cacheRoot, PROVENANCE_FILE, STATUS_FILE };
