# expect: pass CDL101 CDL102 CDL108
# pattern: an older Go repository still on static-debian11:nonroot
FROM golang:1.21 as build
WORKDIR /go/src/app
COPY . .
RUN go mod download
RUN CGO_ENABLED=0 go build -o /go/bin/app

FROM gcr.io/distroless/static-debian11:nonroot
COPY --from=build /go/bin/app /
USER 65532
CMD ["/app"]
