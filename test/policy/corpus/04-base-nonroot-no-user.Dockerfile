# expect: pass CDL101 CDL102 CDL105
# pattern: cgo binary on distroless base:nonroot, relying on the base's user
FROM golang:1.25 AS build
WORKDIR /go/src/app
COPY . .
RUN go build -o /go/bin/app ./cmd/app

FROM gcr.io/distroless/base:nonroot
COPY --from=build /go/bin/app /
ENTRYPOINT ["/app"]
