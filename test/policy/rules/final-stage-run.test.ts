import { COMPLIANT, df, findingsOf, GOOD_BASE, linesOf } from '../util';

const ID = 'CDL005';

describe('CDL005 final-stage-run', () => {
  test('RUN in a build stage passes', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
  });

  test('fails on every RUN in the final stage, pointing at each', () => {
    const content = df(
      'FROM golang:1.25 AS build',
      'RUN go build',
      `FROM ${GOOD_BASE}`,
      'RUN ["/busybox/sh", "-c", "true"]',
      'COPY --from=build /app /app',
      'RUN --mount=type=cache,target=/x \\',
      '    echo multi-line',
      'USER 65532',
    );
    const findings = findingsOf(ID, content);
    expect(findings.map(f => [f.line, f.endLine])).toEqual([[4, 4], [6, 7]]);
    expect(findings[0].message).toMatch(/^RUN in the final stage: /);
    expect(findings[0].message).toMatch(/Allowed in the final image: COPY, USER/);
  });

  test('fails on RUN in a stage the final stage continues with FROM <stage>', () => {
    const content = df(
      `FROM ${GOOD_BASE} AS base`,
      'RUN echo in base',
      'FROM base AS app',
      'COPY app /app',
      'FROM golang:1.25 AS unrelated',
      'RUN echo not in the chain',
      'FROM app',
      'USER 65532',
    );
    const findings = findingsOf(ID, content);
    expect(findings.map(f => f.line)).toEqual([2]);
    expect(findings[0].message).toMatch(/RUN in stage "base" \(the final stage builds on it with FROM base\)/);
  });

  test('RUN in a stage only copied from (COPY --from) is fine', () => {
    expect(linesOf(ID, df('FROM scratch AS files', 'RUN x', `FROM ${GOOD_BASE}`, 'COPY --from=files / /'))).toEqual([]);
  });
});

describe('CDL005 and exec-form smoke tests (decision documented in RULES.md)', () => {
  test('fails if the final stage runs its own binary in exec form, explaining why and proposing a smoke-test stage', () => {
    const [finding] = findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'COPY app /app', 'RUN ["/app", "--version"]', 'USER 65532:65532', 'ENTRYPOINT ["/app"]'));
    expect(finding.line).toBe(3);
    expect(finding.message).toMatch(/Exec form needs no shell, but what "\/app" writes at build time ships in the image/);
    expect(finding.fix).toMatch(/FROM <final base> AS smoke-test.*RUN \["\/app","--version"\].*COPY --from=smoke-test \/app \/app/);
  });

  test('passes if the smoke test runs in a stage the final stage only copies from', () => {
    const content = df(
      `FROM ${GOOD_BASE} AS smoke-test`,
      'COPY app /app',
      'RUN ["/app", "--version"]',
      `FROM ${GOOD_BASE}`,
      'COPY --from=smoke-test /app /app',
      'USER 65532:65532',
      'ENTRYPOINT ["/app"]',
    );
    expect(findingsOf(ID, content)).toEqual([]);
  });

  test('an inline suppression with a reason acknowledges a deliberate exec-form RUN', () => {
    const content = df(`FROM ${GOOD_BASE}`, 'COPY app /app', '# cdk-distroless-ignore CDL005: the self-test writes nothing', 'RUN ["/app", "--self-test"]', 'USER 65532');
    expect(findingsOf(ID, content).map(f => f.suppressed)).toEqual([true]);
  });
});
