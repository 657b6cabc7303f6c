// Checks of the local stand-ins themselves (built by standins.sh): they must carry the upstream
// facts the generated Dockerfiles rely on, or a passing image test would prove nothing.
import * as fs from 'fs';
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as path from 'path';
import { existsIn, podman, podmanOk, withMountedImage } from './podman';

/** What each stand-in must have, by its id in standins.sh. */
const FINALS: { [id: string]: { entrypoint?: string[]; program?: string; version?: string[]; libc: boolean } } = {
  'static': { libc: false },
  'base': { libc: true },
  'cc': { libc: true, program: '/usr/lib/x86_64-linux-gnu/libstdc++.so.6' },
  'java-base': { libc: true, program: '/usr/lib/x86_64-linux-gnu/libz.so.1' },
  'python3': { libc: true, entrypoint: ['/usr/bin/python3.13'], version: ['--version'] },
  'nodejs': { libc: true, entrypoint: ['/nodejs/bin/node'], version: ['--version'] },
  'java21': { libc: true, entrypoint: ['/usr/bin/java', '-jar'], version: ['--entrypoint', '/usr/bin/java', '-version'], program: '/etc/ssl/certs/java/cacerts' },
};
const BUILDERS: { [id: string]: string[] } = {
  golang: ['go', 'gcc'],
  node: ['node', 'npm'],
  python: ['python3', 'python', 'pip'],
  gcc: ['gcc', 'g++', 'make', 'cc'],
  rust: ['cargo', 'rustc', 'cc'],
  jdk: ['javac', 'jar', 'jlink', 'java'],
  alpine: ['sh', 'mkdir', 'printf', 'cp', 'chown', 'chmod'],
};
const FORBIDDEN = ['/bin/sh', '/usr/bin/sh', '/bin/bash', '/usr/bin/bash', '/usr/bin/dash', '/bin/busybox', '/usr/bin/busybox',
  '/usr/bin/apt', '/usr/bin/apt-get', '/usr/bin/dpkg', '/usr/bin/perl', '/sbin/apk'];

interface Standin { ref: string; id: string }

function standins(): Standin[] {
  const out = podmanOk(['images', '--filter', 'label=cdk-distroless.standin.id', '--format', '{{.Repository}}:{{.Tag}} {{index .Labels "cdk-distroless.standin.id"}}'], 'listing the stand-ins').stdout;
  return out.trim().split('\n').filter(l => l && !l.startsWith('<none>')).map(l => {
    const [ref, id] = l.split(' ');
    return { ref, id };
  });
}

/** The permission bits (with setuid, setgid and sticky) in octal, as ls and chmod write them. */
function permissions(mode: number): string {
  return (mode % 0o10000).toString(8);
}

function config(ref: string): { User?: string; Entrypoint: string[] | null } {
  return JSON.parse(podmanOk(['image', 'inspect', '--format', '{{json .Config}}', ref], `inspecting ${ref}`).stdout);
}

export function standinSuite(): void {
  const all = standins();
  void describe('stand-ins of the final base images', () => {
    for (const { ref, id } of all.filter(s => FINALS[s.id])) {
      const want = FINALS[id];
      void it(`${ref}: user, entrypoint, files as upstream; no shell, no package manager`, () => {
        const c = config(ref);
        assert.equal(c.User ?? '', ref.endsWith(':nonroot') ? '65532' : '', 'image config User');
        assert.deepEqual(c.Entrypoint ?? undefined, want.entrypoint);
        withMountedImage(ref, root => {
          const passwd = fs.readFileSync(path.join(root, 'etc/passwd'), 'utf8');
          assert.match(passwd, /^nonroot:x:65532:65532:nonroot:\/home\/nonroot:\/sbin\/nologin$/m);
          const home = fs.statSync(path.join(root, 'home/nonroot'));
          assert.equal(home.uid, 65532);
          assert.equal(permissions(home.mode), '700');
          assert.equal(permissions(fs.statSync(path.join(root, 'tmp')).mode), '1777');
          assert.ok(fs.statSync(path.join(root, 'etc/ssl/certs/ca-certificates.crt')).size > 100_000, 'CA bundle');
          assert.ok(fs.readdirSync(path.join(root, 'var/lib/dpkg/status.d')).length > 0, 'no package records for scanners');
          assert.deepEqual(FORBIDDEN.filter(f => existsIn(root, f)), []);
          assert.equal(existsIn(root, 'usr/lib64/ld-linux-x86-64.so.2'), want.libc, 'glibc loader');
          for (const file of [...(want.entrypoint?.slice(0, 1) ?? []), ...(want.program ? [want.program] : [])]) {
            assert.ok(existsIn(root, file), `${file} is missing`);
          }
        });
        if (want.version) {
          const args = want.version[0] === '--entrypoint' ? [...want.version.slice(0, 2), ref, ...want.version.slice(2)] : [ref, ...want.version];
          const r = podman(['run', '--rm', '--pull=never', '--network', 'none', '--read-only', ...args]);
          assert.equal(r.status, 0, r.stderr);
        }
      });
    }
  });
  void describe('stand-ins of the build images', () => {
    for (const { ref, id } of all.filter(s => BUILDERS[s.id])) {
      void it(`${ref}: a shell and ${BUILDERS[id].join(', ')} on PATH`, () => {
        const script = BUILDERS[id].map(t => `command -v ${t} >/dev/null || { echo "no ${t}"; exit 1; }`).join('; ');
        const r = podman(['run', '--rm', '--pull=never', '--network', 'none', ref, '/bin/sh', '-c', script]);
        assert.equal(r.status, 0, r.stdout + r.stderr);
      });
    }
  });
}
