import { COMPLIANT, df, DIGEST, findingsOf, GOOD_BASE, linesOf } from '../util';

const ID = 'CDL001';

describe('CDL001 dockerfile-invalid', () => {
  test('a compliant Dockerfile passes', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
  });

  test('only ARG before FROM is fine', () => {
    expect(findingsOf(ID, df('ARG BASE=scratch', 'FROM ${BASE}'))).toEqual([]);
  });

  test('fails if the file is empty', () => {
    const [f] = findingsOf(ID, '');
    expect(f).toMatchObject({ line: 1, column: 1, level: 'error' });
    expect(f.message).toMatch(/empty or has only comments/);
  });

  test('fails if the file has only whitespace and comments', () => {
    expect(findingsOf(ID, df('', '# a comment', '   ', '# another'))[0].message).toMatch(/empty or has only comments/);
  });

  test('fails if the file has no FROM', () => {
    const findings = findingsOf(ID, df('# header', 'ARG X=1'));
    expect(findings.map(f => [f.line, f.message])).toEqual([[2, expect.stringMatching(/has no FROM/)]]);
  });

  test('a file of instructions without any FROM gets one finding, not one per line', () => {
    const findings = findingsOf(ID, df('COPY app /app', 'USER 65532', 'ENTRYPOINT ["/app"]'));
    expect(findings.map(f => [f.line, f.message])).toEqual([[1, expect.stringMatching(/has no FROM/)]]);
  });

  test('fails if an instruction other than ARG comes before FROM', () => {
    const findings = findingsOf(ID, df('ARG X=1', 'RUN echo hi', `FROM ${'scratch'}`));
    expect(findings.map(f => f.line)).toEqual([2]);
    expect(findings[0].message).toMatch(/RUN before the first FROM/);
  });

  test('fails on an unknown instruction, naming it', () => {
    const findings = findingsOf(ID, df('FROM scratch', 'COPYY app /app'));
    expect(findings.map(f => f.line)).toEqual([2]);
    expect(findings[0].message).toMatch(/unknown instruction "COPYY"/);
    expect(findings[0].fix).toMatch(/Dockerfile instruction/);
  });

  test('fails on FROM without an image', () => {
    expect(linesOf(ID, df('FROM scratch', 'FROM'))).toEqual([2]);
  });

  test.each([
    ['GCR.IO/Distroless/Static:nonroot'],
    ['golang:1.25:extra'],
    ['golang@sha256:short'],
  ])('fails on the invalid image reference %s, in any stage', ref => {
    const findings = findingsOf(ID, df(`FROM ${ref} AS build`, 'FROM ${BASE:-Bad/Ref}'));
    expect(findings.map(f => [f.line, f.column])).toEqual([[1, 6], [2, 6]]);
    expect(findings[0].message).toBe(`The Dockerfile cannot be built: FROM "${ref}" is not a valid image reference. `
      + 'Allowed: registry/repository[:tag][@sha256:<64 hex digits>] in lowercase, scratch, or an earlier stage name.');
    expect(findings[1].message).toMatch(/FROM "\$\{BASE:-Bad\/Ref\}" \(= "Bad\/Ref"\) is not a valid image reference/);
  });

  test('fails if two stages share a name, ignoring case', () => {
    const [f] = findingsOf('CDL001', df(`FROM golang:1.25@${DIGEST} AS build`, `FROM golang:1.25@${DIGEST} AS Build`, `FROM ${GOOD_BASE}`, 'USER 65532'));
    expect([f.line, f.message]).toEqual([2, 'The Dockerfile cannot be built: stage name "build" is already used by the FROM on line 1 (stage names must be unique, ignoring case).']);
  });

  test('instructions are matched case-insensitively, as Docker does', () => {
    expect(findingsOf(ID, df('from scratch', 'copy app /app', 'user 65532'))).toEqual([]);
  });
});
