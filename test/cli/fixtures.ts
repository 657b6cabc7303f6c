/** Dockerfiles the CLI tests lint. Each comment says which findings the policy reports. */

/** Hardened but not pinned by digest: one CDL101 warning, no error. */
export const WARNING_ONLY = `FROM gcr.io/distroless/static-debian13:nonroot
COPY app /app
USER 65532:65532
ENTRYPOINT ["/app"]
`;

/** Pinned, hardened: no finding at all. */
export const CLEAN = `FROM gcr.io/distroless/static-debian13:nonroot@sha256:${'a'.repeat(64)}
COPY app /app
USER 65532:65532
ENTRYPOINT ["/app"]
`;

/** Only one error, CDL009 (USER root on line 3), besides the CDL101 warning. */
export const ROOT_USER = `FROM gcr.io/distroless/static-debian13:nonroot
COPY app /app
USER root
ENTRYPOINT ["/app"]
`;

/** A classic: unknown base, RUN, secret ENV, shell-form CMD, no USER. */
export const UBUNTU = `FROM ubuntu:latest
RUN apt-get update && apt-get install -y curl
ENV DB_PASSWORD=hunter2
CMD node server.js
`;

/** A debug base suppressed in the file itself (inline), and a shell-form HEALTHCHECK. */
export const DEBUG_INLINE = `# cdk-distroless-ignore-file CDL004: break-glass image for the on-call runbook
FROM gcr.io/distroless/base-debian12:debug-nonroot
COPY app /app
USER 65532:65532
HEALTHCHECK CMD wget -q -O- http://localhost:8080/health
ENTRYPOINT ["/app"]
`;
