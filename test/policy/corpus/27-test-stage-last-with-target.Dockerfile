# expect: pass CDL101 CDL102
# target: runtime
# pattern: a test stage after the shipped stage, built with --target runtime
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian13:nonroot AS runtime
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]

FROM build AS test
RUN go test ./...
