# expect: pass CDL102
# pattern: the same download verified with --checksum
FROM debian:bookworm-slim AS fetch
ARG TOOL_VERSION=1.2.3
ARG DIST=https://example.com/releases/tool-${TOOL_VERSION}-linux-amd64.tar.gz
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d ${DIST} /tmp/tool.tgz
RUN mkdir -p /opt/tool && tar -xzf /tmp/tool.tgz -C /opt/tool

FROM gcr.io/distroless/static-debian12:nonroot@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
COPY --from=fetch /opt/tool/tool /tool
USER 65532:65532
ENTRYPOINT ["/tool"]
