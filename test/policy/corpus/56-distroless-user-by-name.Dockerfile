# expect: pass CDL101 CDL104
# pattern: USER nonroot by name on distroless (works in Docker, not verifiable by Kubernetes runAsNonRoot)
FROM gcr.io/distroless/static-debian13:nonroot
COPY controller /controller
USER nonroot:nonroot
ENTRYPOINT ["/controller"]
