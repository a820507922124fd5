// Runs a wasm32-wasip1 command module under Node.js's built-in WASI (Node 20 or newer,
// no flags needed):
//
//     node tests/wasi-run.mjs app.wasm [args...]
//
// The module sees argv = ["app.wasm", args...], the caller's environment, and the
// current directory preopened as ".". The exit status is the module's proc_exit code
// (0 when _start returns). A trap or a load failure prints "wasi-run: ..." on stderr
// and exits 134, so it cannot be mistaken for an Erlang exit status (0, N or 127).
import { setFlagsFromString } from 'node:v8';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import process from 'node:process';

// Node 20's fast API calls can let a GC run inside WASI's fd_write once the
// wasm memory is large, crashing node at random; turning them off avoids it.
setFlagsFromString('--no-turbo-fast-api-calls');

// Node 20 warns that WASI is experimental on every run; keep stderr for the program.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0] && rest[0].type;
  if (type === 'ExperimentalWarning' && String(warning).includes('WASI')) return;
  return emitWarning.call(process, warning, ...rest);
};

const { WASI } = await import('node:wasi');

const [wasmPath, ...args] = process.argv.slice(2);
if (!wasmPath) {
  process.stderr.write('usage: node wasi-run.mjs app.wasm [args...]\n');
  process.exit(2);
}

let status;
try {
  const wasi = new WASI({
    version: 'preview1',
    args: [basename(wasmPath), ...args],
    env: process.env,
    preopens: { '.': '.' },
    returnOnExit: true,
  });
  const module = await WebAssembly.compile(await readFile(wasmPath));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  status = wasi.start(instance);
} catch (err) {
  process.stderr.write(`wasi-run: ${wasmPath}: ${err && err.stack ? err.stack : err}\n`);
  status = 134;
}
process.exitCode = status ?? 0;
