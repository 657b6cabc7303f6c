# expect: fail CDL013 CDL107
# pattern: a BusyBox copied into a distroless image to keep a shell for debugging
FROM gcr.io/distroless/static-debian13:nonroot@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
COPY --from=busybox:1.37-musl /bin/busybox /busybox/busybox
COPY app /app
USER 65532:65532
ENTRYPOINT ["/app"]
