# expect: pass CDL102
# pattern: docker/buildx cross-compilation with tonistiigi/xx
FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx
FROM --platform=$BUILDPLATFORM golang:1.25-alpine AS build
COPY --from=xx / /
ARG TARGETPLATFORM
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 xx-go build -o /out/app . && xx-verify /out/app

FROM gcr.io/distroless/static-debian13:nonroot@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
