# expect: fail CDL002 CDL101 CDL102
# pattern: a Kubernetes component on registry.k8s.io's go-runner base, which the catalog does not know
ARG BASEIMAGE=registry.k8s.io/build-image/go-runner:v2.4.0-go1.25.0-bookworm.0
FROM golang:1.25 AS builder
WORKDIR /go/src/sigs.k8s.io/controller
COPY . .
RUN make build

FROM ${BASEIMAGE}
COPY --from=builder /go/src/sigs.k8s.io/controller/bin/controller /controller
USER 65532:65532
ENTRYPOINT ["/go-runner", "/controller"]
