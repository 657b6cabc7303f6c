# expect: pass CDL101
# pattern: a single-architecture build on an arch-suffixed unsuffixed name
FROM gcr.io/distroless/static:nonroot-amd64
COPY bin/linux-amd64/controller /controller
USER 65532:65532
ENTRYPOINT ["/controller"]
