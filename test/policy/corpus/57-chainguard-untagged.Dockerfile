# expect: pass CDL101 CDL103 CDL105
# pattern: a prebuilt binary on cgr.dev/chainguard/glibc-dynamic without a tag
FROM cgr.dev/chainguard/glibc-dynamic
COPY --chown=nonroot:nonroot dist/server /usr/bin/server
EXPOSE 8080
ENTRYPOINT ["/usr/bin/server"]
