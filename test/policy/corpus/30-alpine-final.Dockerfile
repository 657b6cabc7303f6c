# expect: fail CDL003 CDL005 CDL101 CDL102 CDL104
# pattern: conventional Go image on Alpine with an adduser'd user
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /app .

FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata
COPY --from=build /app /usr/local/bin/app
RUN addgroup -S app && adduser -S app -G app
USER app
ENTRYPOINT ["/usr/local/bin/app"]
