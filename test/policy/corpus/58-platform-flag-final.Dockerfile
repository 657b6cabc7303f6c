# expect: pass CDL102
# pattern: an explicit --platform on the final FROM and a quoted USER with group
FROM --platform=$BUILDPLATFORM golang:1.25-trixie AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH CGO_ENABLED=0 go build -o /out/app .

FROM --platform=$TARGETPLATFORM gcr.io/distroless/static-debian13:nonroot@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
COPY --from=build --chown=65532:65532 /out/app /app
USER "65532:65532"
ENTRYPOINT ["/app"]
