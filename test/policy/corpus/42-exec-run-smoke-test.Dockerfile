# expect: fail CDL005
# pattern: an exec-form RUN of the image's own binary as a smoke test in the final stage
FROM golang:1.25-trixie@sha256:3c1f0e9b8a7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian13:nonroot@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
COPY --from=build /out/app /app
RUN ["/app", "--version"]
USER 65532:65532
ENTRYPOINT ["/app"]
