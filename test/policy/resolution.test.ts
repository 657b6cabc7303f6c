import { df, DIGEST, findingsOf, GOOD_BASE, lint } from './util';
import { _expand } from '../../lib/policy/expand';

const ids = (content: string) => lint(content).findings.map(f => `${f.ruleId}@${f.line}`);

describe('variable expansion', () => {
  const vars: Record<string, string | undefined> = { A: 'a', EMPTY: '', NESTED: '${A}' };
  const lookup = (name: string) => vars[name];

  test.each([
    ['$A', 'a', []],
    ['${A}', 'a', []],
    ['x${A}y$A', 'xaya', []],
    ['${MISSING:-dflt}', 'dflt', []],
    ['${EMPTY:-dflt}', 'dflt', []],
    ['${EMPTY-dflt}', '', []],
    ['${MISSING-dflt}', 'dflt', []],
    ['${A:+alt}', 'alt', []],
    ['${MISSING:+alt}', '', []],
    ['${A+alt}', 'alt', []],
    ['${MISSING:-${A}}', 'a', []],
    ['\\$A', '$A', []],
    ['$', '$', []],
    ['$1', '$1', []],
    ['$MISSING', '', ['MISSING']],
    ['${MISSING}', '', ['MISSING']],
    ['${A%.*}', '', ['A%.*']],
    ['${A', '${A', ['${A']],
  ])('%s -> %j', (text, value, unresolved) => {
    expect(_expand(text, lookup)).toEqual({ value, unresolved });
  });

  test('honours a backtick escape character', () => {
    expect(_expand('`$A', lookup, '`').value).toBe('$A');
  });
});

describe('ARG defaults in FROM', () => {
  test.each([
    ['ARG BASE=gcr.io/distroless/static-debian13:nonroot', 'FROM ${BASE}'],
    ['ARG BASE=gcr.io/distroless/static-debian13:nonroot', 'FROM $BASE'],
    ['ARG BASE="gcr.io/distroless/static-debian13:nonroot"', 'FROM ${BASE}'],
    ['ARG DEBIAN=debian13', 'FROM gcr.io/distroless/static-${DEBIAN}:nonroot'],
    ['ARG UNUSED=1', 'FROM ${BASE:-gcr.io/distroless/static-debian13:nonroot}'],
    ['ARG REG=gcr.io/distroless', 'ARG BASE=${REG}/static-debian13:nonroot', 'FROM ${BASE}'],
    ['ARG TAG=nonroot', 'FROM gcr.io/distroless/static-debian13:${TAG}-${TARGETARCH}'],
  ].map(lines => [lines.join(' | '), lines]))('resolves %s', (_name, lines) => {
    const content = df(...(lines as string[]), 'USER 65532:65532');
    expect(ids(content)).toEqual(['CDL101@' + (lines as string[]).length]);
  });

  test('the resolved base decides every base rule', () => {
    const content = df('ARG BASE=golang:1.25', 'FROM ${BASE}', 'USER 65532');
    expect(ids(content)).toEqual(['CDL003@2', 'CDL101@2']);
    expect(findingsOf('CDL003', content)[0].message).toMatch(/The final base "\$\{BASE\}" \(= "golang:1.25"\) is a build image/);
  });

  test('an ARG declared inside a stage does not reach a later FROM', () => {
    const content = df(`FROM ${GOOD_BASE} AS a`, 'ARG BASE=golang:1.25', 'FROM ${BASE}');
    expect(findingsOf('CDL002', content)[0].message).toMatch(/uses \$BASE with no default/);
  });

  test('a build arg can be overridden at build time: only the default is checked', () => {
    expect(ids(df(`ARG BASE=${GOOD_BASE}`, 'FROM ${BASE}', 'USER 65532:65532'))).toEqual([]);
  });
});

describe('FROM <stage> chains', () => {
  test('follow several stages to the real base; RUN anywhere in the chain counts', () => {
    const content = df(
      'FROM golang:1.25@' + DIGEST + ' AS build',
      'RUN go build -o /app',
      `FROM ${GOOD_BASE} AS runtime`,
      'COPY --from=build /app /app',
      'FROM runtime AS configured',
      'RUN ["/app", "--init"]',
      'FROM configured',
      'USER 65532:65532',
      'ENTRYPOINT ["/app"]',
    );
    expect(ids(content)).toEqual(['CDL005@6']);
  });

  test('stage names match case-insensitively, as Docker does', () => {
    expect(ids(df(`FROM ${GOOD_BASE} AS Runtime`, 'USER 65532', 'FROM runtime'))).toEqual([]);
  });

  test('a stage can be named by a variable', () => {
    expect(ids(df('ARG STAGE=runtime', `FROM ${GOOD_BASE} AS runtime`, 'USER 65532', 'FROM ${STAGE}'))).toEqual([]);
  });

  test('a later stage of the same name is not a parent: FROM names an image until the stage exists', () => {
    const content = df('FROM app', `FROM ${GOOD_BASE} AS app`);
    // The first FROM pulls docker.io/library/app (a build stage), the final stage is the distroless one.
    expect(ids(content)).toEqual(['CDL102@1', 'CDL103@1', 'CDL105@2']);
  });

  test('the final stage is the last FROM, even when an earlier stage looks final', () => {
    expect(ids(df(`FROM ${GOOD_BASE} AS runtime`, 'USER 65532', 'FROM golang:1.25@' + DIGEST))).toEqual(['CDL003@3', 'CDL009@3']);
  });

  test('a stage cannot name itself: FROM x AS x pulls the image x', () => {
    expect(ids(df(`FROM golang:1.25@${DIGEST} AS golang`, `FROM ${GOOD_BASE}`, 'USER 65532'))).toEqual([]);
    expect(ids(df(`FROM busybox:1.37@${DIGEST} AS busybox`, 'FROM busybox', 'USER 65532'))).toEqual(['CDL106@1']);
  });

  test('a chain of 2,000 stages is followed to its root, with every RUN on the way', () => {
    const lines = [`FROM ${GOOD_BASE} AS s0`];
    for (let i = 1; i < 2000; i++) { lines.push(`FROM s${i - 1} AS s${i}`, `RUN step ${i}`); }
    lines.push('USER 65532');
    const found = ids(df(...lines));
    expect(found.filter(id => id.startsWith('CDL005@'))).toHaveLength(1999);
    expect(found.filter(id => !id.startsWith('CDL005@'))).toEqual([]);
  });

  test('ENV from a parent stage resolves USER in the final stage', () => {
    expect(ids(df(`FROM ${GOOD_BASE} AS base`, 'ENV APP_UID=65532', 'FROM base', 'USER ${APP_UID}'))).toEqual([]);
  });
});
