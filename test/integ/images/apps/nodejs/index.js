// A small HTTP service for the image tests: GET /healthz writes a file to each writable
// directory, reads the CA bundle and answers with what it found. No dependencies.
//
//   node index.js                  serve on $PORT (default 8080)
//   node index.js --check          GET /healthz on localhost; exit 0 when it answers 200
//   node index.js --try-write PATH create PATH; exit 0 when that worked
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const port = Number(process.env.PORT || 8080);
const dataDir = process.env.APP_DATA_DIR || '/var/cache/app';

function writeAndRead(dir) {
  const file = path.join(dir, `healthz-${process.pid}.txt`);
  const want = new Date().toISOString();
  fs.writeFileSync(file, want, { mode: 0o600 });
  const got = fs.readFileSync(file, 'utf8');
  if (got !== want) { throw new Error(`${file}: read back ${got}, wrote ${want}`); }
  fs.unlinkSync(file);
  return file;
}

function healthz(res) {
  const body = { runtime: 'nodejs', uid: process.getuid(), wrote: [] };
  let status = 200;
  try {
    for (const dir of [os.tmpdir(), dataDir]) { body.wrote.push(writeAndRead(dir)); }
    body.caBundleBytes = fs.statSync(CA_BUNDLE).size;
  } catch (err) {
    status = 500;
    body.error = err.message;
  }
  body.status = status === 200 ? 'ok' : 'error';
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
}

function check() {
  const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 3000 }, res => {
    let text = '';
    res.on('data', chunk => { text += chunk; });
    res.on('end', () => { process.stdout.write(text); process.exit(res.statusCode === 200 ? 0 : 1); });
  });
  req.on('timeout', () => req.destroy(new Error('timed out')));
  req.on('error', err => { console.error('check:', err.message); process.exit(1); });
}

function tryWrite(file) {
  try {
    fs.writeFileSync(file, 'probe\n', { mode: 0o600 });
    console.log('wrote', file);
    process.exit(0);
  } catch (err) {
    console.error('try-write:', err.message);
    process.exit(1);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--check') {
  check();
} else if (args[0] === '--try-write' && args.length === 2) {
  tryWrite(args[1]);
} else if (args.length > 0) {
  console.error('usage: index.js [--check | --try-write PATH]');
  process.exit(2);
} else {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') { return healthz(res); }
    res.writeHead(404).end();
  });
  server.listen(port, () => console.log(`listening on :${port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
