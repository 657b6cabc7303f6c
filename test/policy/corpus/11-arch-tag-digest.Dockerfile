# expect: pass
# pattern: an arm64-only image pinned by tag with architecture suffix and digest
FROM rust:1.91-bookworm@sha256:3c1f0e9b8a7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b AS build
WORKDIR /src
COPY . .
RUN cargo build --release --target aarch64-unknown-linux-gnu

FROM gcr.io/distroless/cc-debian12:nonroot-arm64@sha256:a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90
COPY --from=build /src/target/aarch64-unknown-linux-gnu/release/edge /edge
USER 65532:65532
ENTRYPOINT ["/edge"]
