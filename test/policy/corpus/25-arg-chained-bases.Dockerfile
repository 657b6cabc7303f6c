# expect: pass CDL101 CDL102
# pattern: base images chosen by ARG defaults that build on other ARGs
ARG GO_VERSION=1.25
ARG BUILDER_IMAGE=golang:${GO_VERSION}-trixie
ARG BASE_IMAGE=gcr.io/distroless/static-debian13:nonroot

FROM ${BUILDER_IMAGE} AS builder
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM ${BASE_IMAGE}
COPY --from=builder /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
