# expect: fail CDL008 CDL101
# pattern: an entrypoint script on distroless base, which has no shell to run it
FROM gcr.io/distroless/base-debian12:nonroot
COPY entrypoint.sh /entrypoint.sh
COPY app /app
USER 65532:65532
ENTRYPOINT ["/bin/sh", "/entrypoint.sh"]
