import { DockerfilePolicy, DockerfilePolicyProps, Finding, LintResult } from '../../lib/policy';

/** A digest for tests: any 64 hex digits; nothing is pulled. */
export const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
/** A fully compliant final base. */
export const GOOD_BASE = `gcr.io/distroless/static-debian13:nonroot@${DIGEST}`;

/** Joins lines into a Dockerfile. */
export function df(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export function lint(content: string, props?: DockerfilePolicyProps): LintResult {
  return new DockerfilePolicy(props).lint(content);
}

/** Findings of one rule. */
export function findingsOf(ruleId: string, content: string, props?: DockerfilePolicyProps): Finding[] {
  return lint(content, props).findings.filter(f => f.ruleId === ruleId);
}

/** Lines of one rule's findings. */
export function linesOf(ruleId: string, content: string, props?: DockerfilePolicyProps): number[] {
  return findingsOf(ruleId, content, props).map(f => f.line);
}

/** A compliant Dockerfile: build stage pinned, distroless final stage, numeric user, exec form. */
export const COMPLIANT = df(
  `FROM golang:1.25-trixie@${DIGEST} AS build`,
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/app .',
  `FROM ${GOOD_BASE}`,
  'COPY --from=build --chown=65532:65532 /out/app /app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
);
