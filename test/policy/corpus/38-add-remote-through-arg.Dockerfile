# expect: fail CDL010 CDL102
# pattern: a download URL in a build argument, fetched with ADD and no checksum
FROM debian:bookworm-slim AS fetch
ARG DIST=https://example.com/releases/tool-1.2.3-linux-amd64.tar.gz
ADD $DIST /tmp/
RUN mkdir -p /opt/tool && tar -xzf /tmp/tool-*.tar.gz -C /opt/tool

FROM gcr.io/distroless/static-debian12:nonroot@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
COPY --from=fetch /opt/tool/tool /tool
USER 65532:65532
ENTRYPOINT ["/tool"]
