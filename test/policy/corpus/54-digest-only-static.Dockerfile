# expect: pass CDL102
# pattern: Renovate-pinned distroless by digest only (no tag), explicit numeric user
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
