# expect: fail CDL006
# pattern: HEALTHCHECK with "|| exit 1" copied from a Debian-based image
FROM gcr.io/distroless/static-debian13:nonroot@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
COPY app /app
USER 65532:65532
HEALTHCHECK --interval=30s CMD /app healthcheck || exit 1
ENTRYPOINT ["/app"]
