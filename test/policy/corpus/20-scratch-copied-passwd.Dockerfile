# expect: pass CDL102 CDL104
# pattern: Go on scratch with passwd and CA certificates copied from the builder, USER by name
FROM golang:1.25-alpine AS build
RUN apk add --no-cache ca-certificates && adduser -D -u 10001 appuser
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /app .

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /etc/passwd /etc/passwd
COPY --from=build /app /app
USER appuser
ENTRYPOINT ["/app"]
