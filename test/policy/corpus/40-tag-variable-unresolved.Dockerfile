# expect: fail CDL002 CDL101 CDL102
# pattern: a variant chosen by a build argument without default: unknown base, and never pinned
ARG VARIANT
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian13:nonroot-${VARIANT}
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
