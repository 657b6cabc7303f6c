# expect: fail CDL003 CDL005 CDL009 CDL101 CDL102
# pattern: the same layout linted without --target: the last stage (tests on the toolchain) is what a plain build ships
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
