# expect: pass
# pattern: the recommended form: pinned toolchain and distroless static-debian13:nonroot, numeric USER, exec form
# syntax=docker/dockerfile:1.7
FROM golang:1.25-trixie@sha256:3c1f0e9b8a7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian13:nonroot@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
COPY --from=build --chown=65532:65532 /out/app /app
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/app"]
