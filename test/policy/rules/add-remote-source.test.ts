import { COMPLIANT, df, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL010';

describe('CDL010 add-remote-source', () => {
  test('local ADD and COPY pass', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'ADD app.tar.gz /app/', 'ADD ["a b", "/dest/"]', 'COPY https-notes.txt /'))).toEqual([]);
  });

  test('a remote ADD with --checksum passes', () => {
    expect(findingsOf(ID, df('FROM golang:1.25 AS build', 'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tgz /tmp/'))).toEqual([]);
  });

  test.each([
    'https://example.com/tool.tgz',
    'http://example.com/tool.tgz',
    'https://github.com/moby/buildkit.git#v0.14.0',
    'git@github.com:moby/buildkit.git',
    'git://example.com/repo.git',
  ])('fails on ADD %s in any stage', source => {
    const findings = findingsOf(ID, df('FROM golang:1.25 AS build', `ADD ${source} /src/`, `FROM ${GOOD_BASE}`, `ADD --chown=65532 ${source} /app/`));
    expect(findings.map(f => f.line)).toEqual([2, 4]);
    expect(findings[0].message).toContain(`ADD fetches the remote source "${source}" without --checksum`);
    expect(findings[0].fix).toContain(`ADD --checksum=sha256:<digest> ${source} <dest>`);
  });

  test('fails on remote sources in the JSON form, once per source', () => {
    const findings = findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'ADD ["https://a.example/x", "local", "https://b.example/y", "/dest/"]'));
    expect(findings.map(f => [f.line, f.message.match(/"(https:[^"]+)"/)?.[1]])).toEqual([[2, 'https://a.example/x'], [2, 'https://b.example/y']]);
  });
});
