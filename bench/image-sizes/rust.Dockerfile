# Single stage on the builder image: what the app weighs without the generator's multi-stage build.
FROM rust:1.91-trixie
WORKDIR /app
COPY . .
RUN cargo build --release --locked --offline && cp target/release/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
