# Single stage on the builder image: what the app weighs without the generator's multi-stage build.
FROM golang:1.25-trixie
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /usr/local/bin/app .
ENTRYPOINT ["/usr/local/bin/app"]
