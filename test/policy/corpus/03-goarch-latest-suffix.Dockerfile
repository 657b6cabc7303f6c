# expect: pass CDL101 CDL102 CDL103 CDL104
# pattern: kube-state-metrics style: ARG GOARCH selects static:latest-<arch>, USER nobody
ARG GOVERSION=1.22
ARG GOARCH
FROM golang:${GOVERSION} AS builder
ARG GOARCH
ENV GOARCH=${GOARCH}
WORKDIR /go/src/k8s.io/kube-state-metrics/
COPY . /go/src/k8s.io/kube-state-metrics/

RUN make build-local

FROM gcr.io/distroless/static:latest-${GOARCH}
COPY --from=builder /go/src/k8s.io/kube-state-metrics/kube-state-metrics /

USER nobody

ENTRYPOINT ["/kube-state-metrics", "--port=8080", "--telemetry-port=8081"]

EXPOSE 8080 8081
