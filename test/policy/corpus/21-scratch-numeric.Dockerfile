# expect: pass CDL102
# pattern: static musl Rust binary on scratch with a numeric user
FROM rust:1.91-alpine AS build
WORKDIR /src
COPY . .
RUN cargo build --release --target x86_64-unknown-linux-musl

FROM scratch
COPY --from=build /src/target/x86_64-unknown-linux-musl/release/app /app
USER 65534:65534
ENTRYPOINT ["/app"]
