# expect: fail CDL002 CDL102
# pattern: the final base is a build argument without a default
ARG BASE_IMAGE

FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM ${BASE_IMAGE}
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
