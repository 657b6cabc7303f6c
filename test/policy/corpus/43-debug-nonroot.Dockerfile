# expect: fail CDL004 CDL101
# pattern: a debug variant left in after troubleshooting
FROM gcr.io/distroless/static:debug-nonroot
COPY app /app
USER 65532:65532
ENTRYPOINT ["/app"]
