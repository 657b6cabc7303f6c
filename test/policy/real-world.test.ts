// One `fails if` / `passes if` per class of issue 7 (policy accuracy on real-world Dockerfiles).
import { df, DIGEST, findingsOf, GOOD_BASE, lint } from './util';
import { DockerfilePolicy } from '../../lib/policy';
import { _analyze, _expandInFinalStage, _finalStageEnvironment } from '../../lib/policy/analysis';
import { _parseDockerfile } from '../../lib/policy/model';

const ids = (content: string, target?: string) => [...new Set(lint(content, target ? { target } : undefined).findings.map(f => f.ruleId))].sort();
const analyze = (content: string, target?: string) => _analyze(_parseDockerfile(content), { knownRuleIds: new Set(), target });

describe('1. quotes are removed from instruction words, as Docker does', () => {
  test.each(['USER "0"', "USER 'root'", 'USER "0":"0"', "USER 'root':root", 'USER "${UID}"'])('fails if %s makes the image root (CDL009)', user => {
    const content = df('ARG UID=0', `FROM ${GOOD_BASE}`, 'ARG UID', user);
    const findings = findingsOf('CDL009', content);
    expect(findings.map(f => f.line)).toEqual([4]);
    expect(findings[0].message).toMatch(/runs the container as root/);
  });

  test.each([
    ['USER ${U:-"0"}'], ["USER ${U:-'root'}"], ['ARG U=${X:-"0"}', 'USER $U'], ['ENV U=${X:-"0"}', 'USER $U'], ['ARG X=1', 'USER ${X:+"0"}'],
  ].map(lines => [lines.join(' / '), lines]))('fails if a quoted default or alternative makes the image root: %s (CDL009)', (_title, lines) => {
    const findings = findingsOf('CDL009', df(`FROM ${GOOD_BASE}`, ...lines));
    expect(findings.map(f => f.line)).toEqual([lines.length + 1]);
    expect(findings[0].message).toMatch(/runs the container as root/);
  });

  test('a quoted default in FROM is read without its quotes', () => {
    expect(ids(df('ARG BASE', `FROM \${BASE:-"${GOOD_BASE}"}`, 'USER 65532'))).toEqual([]);
  });

  test('passes if USER "472" is quoted: it is numeric (no CDL104)', () => {
    expect(ids(df(`FROM ${GOOD_BASE}`, 'USER "472"'))).toEqual([]);
    expect(ids(df(`FROM ${GOOD_BASE}`, 'ARG GF_UID="472"', 'USER "$GF_UID":\'0\''))).toEqual([]);
  });

  test('single quotes keep a variable literal, as in Docker', () => {
    const a = analyze(df('FROM scratch', "USER '$HOME'"));
    expect(a.finalUser?.value).toBe('$HOME');
  });

  test('FROM with a quoted reference is identified', () => {
    expect(ids(df(`FROM "${GOOD_BASE}"`, 'USER 65532'))).toEqual([]);
  });
});

describe('2. ADD sources are expanded as Docker expands them', () => {
  test.each([
    ['ARG DIST=https://example.com/tool.tgz', 'ADD $DIST /tmp/'],
    ['ARG DIST=https://example.com/tool.tgz', 'ADD "${DIST}" /tmp/'],
    ['ENV BASE_URL=https://example.com', 'ADD ${BASE_URL}/tool.tgz /tmp/'],
    ['ARG VERSION=1.2', 'ADD https://example.com/tool-${VERSION}.tgz /tmp/'],
    ['ARG DIST=https://example.com/tool.tgz', 'ADD ["$DIST", "/tmp/"]'],
  ])('fails if %s then %s fetches a remote source (CDL010)', (decl, add) => {
    const findings = findingsOf('CDL010', df('FROM debian:trixie-slim AS fetch', decl, add, `FROM ${GOOD_BASE}`, 'USER 65532'));
    expect(findings.map(f => f.line)).toEqual([3]);
    expect(findings[0].message).toMatch(/= "https:\/\/example\.com\/tool/);
  });

  test('a global ARG reaches the stage only when the stage declares it', () => {
    const content = (inStage: string[]) => df('ARG DIST=https://example.com/tool.tgz', 'FROM debian:trixie-slim AS fetch', ...inStage, 'ADD $DIST /tmp/', `FROM ${GOOD_BASE}`);
    expect(findingsOf('CDL010', content(['ARG DIST']))).toHaveLength(1);
    expect(findingsOf('CDL010', content([]))).toEqual([]);
  });

  test('passes if the variable holds a local path, or the ADD has --checksum', () => {
    expect(findingsOf('CDL010', df('FROM debian:trixie-slim', 'ARG SRC=vendor/tool.tgz', 'ADD $SRC /tmp/'))).toEqual([]);
    expect(findingsOf('CDL010', df('FROM debian:trixie-slim', 'ARG DIST=https://example.com/t.tgz', `ADD --checksum=${DIGEST} $DIST /tmp/`))).toEqual([]);
  });
});

describe('3. a variable inside the final base\'s tag never pins it (CDL101)', () => {
  test('fails if the tag holds a variable without a value: unknown base (CDL002) and unpinned (CDL101)', () => {
    const content = df('ARG VARIANT', 'FROM gcr.io/distroless/static-debian13:nonroot-${VARIANT}', 'USER 65532');
    expect(ids(content)).toEqual(['CDL002', 'CDL101']);
    expect(findingsOf('CDL101', content)[0].fix).toMatch(/FROM gcr\.io\/distroless\/static-debian13:nonroot@sha256:<digest>/);
  });

  test.each(['FROM ${BASE}', 'FROM gcr.io/distroless/static-debian13:${TAG}', 'FROM gcr.io/distroless/static-debian13${REF}', 'FROM gcr.io/distroless/static-debian13:nonroot@${DIGEST}'])(
    'passes CDL101 if %s: the variable may hold a digest (CDL002 still reports it)', from => {
      const content = df('ARG BASE', 'ARG TAG', 'ARG REF', 'ARG DIGEST', from, 'USER 65532');
      expect(findingsOf('CDL101', content)).toEqual([]);
      expect(findingsOf('CDL002', content)).toHaveLength(1);
    });
});

describe('4. Google distroless names without a Debian suffix, older releases and arch suffixes', () => {
  test.each([
    'gcr.io/distroless/static:nonroot', 'gcr.io/distroless/base:nonroot', 'gcr.io/distroless/cc:nonroot',
    'gcr.io/distroless/static:nonroot-amd64', 'gcr.io/distroless/base-debian13:nonroot-arm64', 'gcr.io/distroless/static-debian12:nonroot-ppc64le',
  ])('passes if the final base is %s (no CDL002, not unmaintained)', ref => {
    expect(ids(df(`FROM ${ref}@${DIGEST}`, 'USER 65532:65532'))).toEqual([]);
  });

  test.each([
    ['gcr.io/distroless/python3:nonroot', /python3-debian13/],
    ['gcr.io/distroless/java17:nonroot', /java17-debian13/],
    ['gcr.io/distroless/nodejs20:nonroot', /nodejs24-debian13/],
    ['gcr.io/distroless/static-debian11:nonroot', /static-debian13/],
    ['gcr.io/distroless/base-debian10:nonroot', /base-debian13/],
    ['gcr.io/distroless/java21-debian12:nonroot', /java21-debian13/],
    ['gcr.io/distroless/java:11-nonroot', /java21-debian13/],
  ])('warns (CDL108) but does not fail if the final base %s is no longer updated', (ref, successor) => {
    const result = lint(df(`FROM ${ref}@${DIGEST}`, 'USER 65532:65532'));
    expect(result.findings.map(f => f.ruleId)).toEqual(['CDL108']);
    expect(result.errorCount).toBe(0);
    expect(result.findings[0].message).toMatch(/no longer updated upstream/);
    expect(result.findings[0].fix).toMatch(successor);
  });

  test('fails if an unsuffixed or arch-suffixed name is a debug variant (CDL004) or root (CDL009)', () => {
    expect(ids(df(`FROM gcr.io/distroless/static:debug-nonroot-amd64@${DIGEST}`, 'USER 65532'))).toEqual(['CDL004']);
    expect(ids(df(`FROM gcr.io/distroless/static:latest-arm64@${DIGEST}`))).toEqual(['CDL009']);
  });

  test('latest with an architecture suffix is still latest (CDL103)', () => {
    expect(findingsOf('CDL103', df('FROM gcr.io/distroless/static:latest-amd64', 'USER 65532'))[0].fix).toMatch(/static:nonroot-amd64/);
  });
});

describe('5. a project\'s own architecture variable selects only the arch suffix', () => {
  test.each(['ARCH', 'GOARCH', 'TARGET_ARCH', 'ARCH_SUFFIX'])('passes if ARG %s without default picks the tag\'s architecture', name => {
    const content = df(`ARG ${name}`, `FROM gcr.io/distroless/static-debian13:nonroot-\${${name}}`, 'USER 65532:65532');
    expect(ids(content)).toEqual(['CDL101']);
    const [finding] = findingsOf('CDL101', content);
    expect(finding.message).toMatch(/\(for every architecture\)/);
    expect(finding.fix).toMatch(/^Write `FROM gcr\.io\/distroless\/static-debian13:nonroot@sha256:<digest>` \(the multi-architecture tag/);
  });

  test('the base is known with its facts: a root tag chosen by arch still fails CDL009', () => {
    expect(ids(df('ARG GOARCH', 'FROM gcr.io/distroless/static:latest-$GOARCH'))).toEqual(['CDL009', 'CDL101', 'CDL103']);
  });

  test('fails if a variable that is not an architecture is left without a value, with a fix that is not a whole reference', () => {
    const [finding] = findingsOf('CDL002', df('ARG FLAVOR', 'FROM gcr.io/distroless/static-debian13:${FLAVOR}-amd64', 'USER 65532'));
    expect(finding.fix).toMatch(/^Give `ARG FLAVOR` a default value/);
    expect(finding.fix).not.toMatch(/ARG FLAVOR=gcr\.io/);
  });

  test('an arch variable that would make an unknown image stays unresolved', () => {
    expect(ids(df('ARG ARCH', 'FROM registry.example.com/base:1-${ARCH}', 'USER 1'))).toEqual(['CDL002', 'CDL101']);
  });
});

describe('6. .NET: variables from the base image\'s ENV, and Azure Linux distroless', () => {
  test('passes if USER $APP_UID on a .NET chiseled base (APP_UID=1654 in its ENV)', () => {
    expect(ids(df(`FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled@${DIGEST}`, 'COPY app /app', 'USER $APP_UID', 'ENTRYPOINT ["/app/app"]'))).toEqual([]);
  });

  test('the base ENV reaches stages that continue the final base, and the Dockerfile\'s ENV overrides it', () => {
    expect(ids(df(`FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled@${DIGEST} AS base`, 'FROM base', 'USER ${APP_UID}'))).toEqual([]);
    expect(ids(df(`FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled@${DIGEST}`, 'ENV APP_UID=0', 'USER $APP_UID'))).toEqual(['CDL009']);
  });

  test('fails if USER $APP_UID is used on a base that does not set it (CDL009: cannot be resolved)', () => {
    expect(findingsOf('CDL009', df(`FROM ${GOOD_BASE}`, 'USER $APP_UID'))[0].message).toMatch(/\$APP_UID has no value/);
  });

  test('passes if the final base is an Azure Linux distroless .NET tag: no shell, no package manager, runs as app', () => {
    expect(ids(df(`FROM mcr.microsoft.com/dotnet/aspnet:8.0-azurelinux3.0-distroless@${DIGEST}`, 'USER $APP_UID'))).toEqual([]);
    expect(ids(df(`FROM mcr.microsoft.com/dotnet/runtime:9.0-azurelinux3.0-distroless-extra@${DIGEST}`))).toEqual(['CDL105']);
  });

  test('fails if the final base is a full-OS .NET tag (CDL003)', () => {
    expect(ids(df(`FROM mcr.microsoft.com/dotnet/aspnet:8.0-azurelinux3.0@${DIGEST}`, 'USER $APP_UID'))).toEqual(['CDL003']);
  });
});

describe('7. a non-root base without USER', () => {
  test('passes if FROM gcr.io/distroless/base:nonroot has no USER: it runs as 65532 (CDL105 warning only)', () => {
    const result = lint(df(`FROM gcr.io/distroless/base:nonroot@${DIGEST}`, 'COPY app /app', 'ENTRYPOINT ["/app"]'));
    expect(result.findings.map(f => f.ruleId)).toEqual(['CDL105']);
    expect(result.errorCount).toBe(0);
  });
});

describe('lint --target: the stage that is shipped', () => {
  const file = df(
    'FROM golang:1.25 AS build',
    'RUN go build -o /out/app .',
    `FROM ${GOOD_BASE} AS runtime`,
    'COPY --from=build /out/app /app',
    'USER 65532:65532',
    'ENTRYPOINT ["/app"]',
    'FROM build AS test',
    'RUN go test ./...',
  );

  test('passes if the target stage is hardened, whatever the stages after it do', () => {
    expect(ids(file, 'runtime')).toEqual(['CDL102']);
    expect(ids(file, 'RUNTIME')).toEqual(['CDL102']);
  });

  test('without a target the last stage is checked, as a plain docker build ships it', () => {
    expect(ids(file)).toEqual(expect.arrayContaining(['CDL003', 'CDL005', 'CDL009']));
  });

  test('fails if the target names no stage (CDL001), listing the stages', () => {
    const result = lint(file, { target: 'prod' });
    expect(result.findings.map(f => f.ruleId)).toEqual(['CDL001', 'CDL102']);
    expect(result.findings[0].message).toBe('The Dockerfile cannot be built with target "prod": no stage is named so (docker build --target fails). Stages: "build", "runtime", "test".');
    expect(result.findings[0].fix).toMatch(/--target test/);
  });

  test('fails if the target is not a stage name', () => {
    expect(() => new DockerfilePolicy({ target: 'my stage' })).toThrow(/DockerfilePolicy: target "my stage" is not a stage name\. Pass the name of a stage/);
    expect(() => new DockerfilePolicy({ target: 42 as unknown as string })).toThrow(/target 42 is not a stage name/);
  });

  test('the analysis keeps its shape: finalStage is the target, finalChain follows FROM <stage> from it', () => {
    const a = analyze(file, 'runtime');
    expect([a.finalStage?.index, a.finalChain.map(s => s.index), a.finalRoot?.index, a.targetMissing]).toEqual([1, [1], 1, false]);
    expect(a.finalUser?.value).toBe('65532:65532');
    const t = analyze(file, 'test');
    expect(t.finalChain.map(s => s.index)).toEqual([0, 2]);
  });
});

describe('_expandInFinalStage (for the image profile)', () => {
  const file = df(
    'ARG PORT=8080',
    `FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled@${DIGEST} AS base`,
    'ENV DATA=/var/lib/app',
    'FROM golang:1.25 AS build',
    'ENV DATA=/build',
    'FROM base',
    'ARG PORT',
    'ENV LOGS="$DATA/logs"',
    'EXPOSE $PORT',
    'USER $APP_UID',
  );

  test('honours ARG and ENV scopes of the final chain, the base image ENV and quote removal', () => {
    const a = analyze(file);
    expect(_expandInFinalStage(a, '"$DATA"/${LOGS#x}')).toEqual({ value: '/var/lib/app/', unresolved: ['LOGS#x'] });
    expect(_expandInFinalStage(a, '$LOGS:$PORT:$APP_UID')).toEqual({ value: '/var/lib/app/logs:8080:1654', unresolved: [] });
    expect(_expandInFinalStage(a, "'$PORT'")).toEqual({ value: '$PORT', unresolved: [] });
    expect(_expandInFinalStage(a, '$UNSET')).toEqual({ value: '', unresolved: ['UNSET'] });
  });

  test('at an instruction, only what is declared before it counts', () => {
    const a = analyze(file);
    const expose = a.finalInstructions.find(i => i.keyword === 'EXPOSE')!;
    expect(_expandInFinalStage(a, expose.text, expose).value).toBe('8080');
    const arg = a.finalInstructions.find(i => i.keyword === 'ARG')!;
    expect(_expandInFinalStage(a, '$PORT', arg).unresolved).toEqual(['PORT']);
  });

  test('a platform ARG declared before the first FROM without a value keeps its automatic value in a stage, as in FROM', () => {
    const a = analyze(df('ARG TARGETARCH', `FROM ${GOOD_BASE}`, 'ARG TARGETARCH', 'COPY app-$TARGETARCH /app'));
    const copy = a.finalInstructions.find(i => i.keyword === 'COPY')!;
    expect(_expandInFinalStage(a, '$TARGETARCH', copy)).toEqual({ value: 'amd64', unresolved: [] });
    const own = analyze(df('ARG ARCH', `FROM ${GOOD_BASE}`, 'ARG ARCH', 'COPY app-$ARCH /app'));
    expect(_expandInFinalStage(own, '$ARCH').unresolved).toEqual(['ARCH']);
  });

  test('_finalStageEnvironment is the base ENV overlaid with the chain\'s ENV', () => {
    const env = _finalStageEnvironment(analyze(file));
    expect(env.get('APP_UID')).toBe('1654');
    expect(env.get('DATA')).toBe('/var/lib/app');
    expect(env.get('LOGS')).toBe('/var/lib/app/logs');
  });
});

describe('variables the policy does not evaluate', () => {
  test.each(['FROM gcr.io/distroless/static-debian13:${TAG%x}', 'FROM gcr.io/distroless/static-debian13:nonroot-${ARCH', 'FROM gcr.io/distroless/static:${A:-${B}}-${ARCH}', 'FROM "${BASE'])(
    'never throw and never pass: %s', from => {
      const result = lint(df('ARG ARCH', 'ARG A', 'ARG TAG', from, 'USER 65532'));
      expect(result.errorCount).toBeGreaterThan(0);
      expect(result.findings.every(f => !/internal error/.test(f.message))).toBe(true);
    });
});

describe('quotes and variables in COPY', () => {
  test('fails if a quoted or variable path copies a shell in (CDL013)', () => {
    expect(findingsOf('CDL013', df(`FROM ${GOOD_BASE}`, 'COPY --from=tools "/bin/busybox" /busybox/', 'USER 65532'))).toHaveLength(1);
    expect(findingsOf('CDL013', df(`FROM ${GOOD_BASE}`, 'ARG SH=/bin/sh', 'COPY --from=tools $SH /sh', 'USER 65532'))).toHaveLength(1);
  });

  test('COPY --from with a variable holding an image is checked (CDL107); one without a value is not', () => {
    const viaArg = findingsOf('CDL107', df('ARG TOOLS=ghcr.io/example/tools:1.4', `FROM ${GOOD_BASE}`, 'ARG TOOLS', 'COPY --from=$TOOLS /t /t'));
    expect(viaArg).toHaveLength(1);
    expect(viaArg[0].message).toMatch(/^COPY --from=\$TOOLS \(= "ghcr\.io\/example\/tools:1\.4"\) copies from an image, not a stage/);
    expect(viaArg[0].fix).toMatch(/^Write `COPY --from=ghcr\.io\/example\/tools:1\.4@sha256:<digest> \.\.\.` \(or add the digest to the value \$TOOLS expands to\); /);
    expect(findingsOf('CDL107', df(`FROM ${GOOD_BASE}`, 'ARG TOOLS', 'COPY --from=$TOOLS /t /t'))).toEqual([]);
    expect(findingsOf('CDL107', df('FROM golang:1.25 AS build', `FROM ${GOOD_BASE}`, 'COPY --from="build" /t /t'))).toEqual([]);
  });
});

describe('an architecture variable inside a global ARG default', () => {
  test('passes if ARG BASE=...:nonroot-${ARCH} names a known image for every architecture', () => {
    const content = df('ARG ARCH', 'ARG BASE=gcr.io/distroless/static:nonroot-${ARCH}', 'FROM ${BASE}', 'USER 65532:65532');
    expect(ids(content)).toEqual(['CDL101']);
    expect(findingsOf('CDL101', content)[0].fix).toMatch(/FROM gcr\.io\/distroless\/static:nonroot@sha256:<digest>/);
  });

  test('fails if the default holds a variable that is not an architecture', () => {
    expect(ids(df('ARG FLAVOR', 'ARG BASE=gcr.io/distroless/static:${FLAVOR}', 'FROM $BASE', 'USER 65532'))).toEqual(['CDL002']);
  });
});
