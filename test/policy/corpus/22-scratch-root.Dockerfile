# expect: fail CDL009 CDL102
# pattern: Go on scratch with no USER: runs as root
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/server .

FROM scratch
COPY --from=build /bin/server /server
EXPOSE 8080
ENTRYPOINT ["/server"]
