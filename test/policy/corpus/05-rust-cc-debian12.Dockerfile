# expect: pass CDL101 CDL102 CDL103 CDL104
# pattern: Rust service on distroless cc-debian12 without a tag, USER by name
FROM rust:1.91 AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian12
COPY --from=build /src/target/release/api /usr/local/bin/api
USER nonroot:nonroot
EXPOSE 3000
ENTRYPOINT ["/usr/local/bin/api"]
