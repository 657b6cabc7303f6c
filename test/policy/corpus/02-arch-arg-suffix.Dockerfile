# expect: pass CDL101 CDL102
# pattern: Makefile passes --build-arg ARCH=amd64|arm64; the arch variable only selects the tag's architecture suffix
ARG ARCH

FROM golang:1.25-trixie AS build
ARG ARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOARCH=${ARCH} go build -o /out/agent ./cmd/agent

FROM gcr.io/distroless/static-debian13:nonroot-${ARCH}
COPY --from=build /out/agent /agent
USER 65532:65532
ENTRYPOINT ["/agent"]
